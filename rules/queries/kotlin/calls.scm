; Every call, with its name, receiver and arguments (see javascript/calls.scm):
; f(x), a.f(x), a.f { ... } (a trailing lambda: kotlin-logging's
; logger.info { "..." }).
(call_expression
  (simple_identifier) @name
  (call_suffix (value_arguments) @args)) @call

(call_expression
  (navigation_expression
    (_) @receiver
    (navigation_suffix (simple_identifier) @name))
  (call_suffix (value_arguments) @args)) @call

(call_expression
  (navigation_expression
    (_) @receiver
    (navigation_suffix (simple_identifier) @name))
  (call_suffix (annotated_lambda) @args)) @call
