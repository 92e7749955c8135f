; Every call, with its name, receiver and arguments (see javascript/calls.scm).
(invocation_expression
  function: (identifier) @name
  arguments: (argument_list) @args) @call

(invocation_expression
  function: (member_access_expression
    expression: (_) @receiver
    name: (identifier) @name)
  arguments: (argument_list) @args) @call

; Protect<T>(p, "POL"): a generic method
(invocation_expression
  function: (member_access_expression
    expression: (_) @receiver
    name: (generic_name (identifier) @name))
  arguments: (argument_list) @args) @call

; _logger?.LogDebug(...)
(invocation_expression
  function: (conditional_access_expression
    condition: (_) @receiver
    (member_binding_expression name: (identifier) @name))
  arguments: (argument_list) @args) @call
