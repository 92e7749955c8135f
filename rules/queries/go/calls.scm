; Every call, with its name, receiver and arguments (see javascript/calls.scm).
(call_expression
  function: (identifier) @name
  arguments: (argument_list) @args) @call

(call_expression
  function: (selector_expression
    operand: (_) @receiver
    field: (field_identifier) @name)
  arguments: (argument_list) @args) @call
