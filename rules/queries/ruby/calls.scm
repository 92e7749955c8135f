; Every call, with its name, receiver and arguments (see javascript/calls.scm):
; with or without parentheses, and Rails.logger.debug { "..." } (a block).
(call
  receiver: (_) @receiver
  method: (identifier) @name
  arguments: (argument_list) @args) @call

(call
  method: (identifier) @name
  arguments: (argument_list) @args) @call

(call
  receiver: (_) @receiver
  method: (identifier) @name
  block: (block) @args) @call

(call
  receiver: (_) @receiver
  method: (identifier) @name
  block: (do_block) @args) @call
