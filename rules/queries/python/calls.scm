; Every call, with its name, receiver and arguments (see javascript/calls.scm).
(call
  function: (identifier) @name
  arguments: (argument_list) @args) @call

(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @name)
  arguments: (argument_list) @args) @call
