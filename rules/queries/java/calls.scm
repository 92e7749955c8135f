; Every call, with its name, receiver and arguments (see javascript/calls.scm).
; A call with a receiver matches both patterns: rules/code.c keeps the first.
(method_invocation
  object: (_) @receiver
  name: (identifier) @name
  arguments: (argument_list) @args) @call

(method_invocation
  name: (identifier) @name
  arguments: (argument_list) @args) @call
