; Every call, with its name, receiver and arguments.  rules/code.c classifies
; them (protect, unprotect, logging) with the configurable method tables.
(call_expression
  function: (identifier) @name
  arguments: (arguments) @args) @call

(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @name)
  arguments: (arguments) @args) @call

; TypeScript parses `await f<T>(x)` as a call of `await f`: the same call.
(call_expression
  function: (await_expression (identifier) @name)
  arguments: (arguments) @args) @call

(call_expression
  function: (await_expression (member_expression
    object: (_) @receiver
    property: (property_identifier) @name))
  arguments: (arguments) @args) @call
