; Every call, with its name, receiver and arguments (see javascript/calls.scm):
; $client->protect(...), FourQuays::protect(...), error_log(...), and echo.
(member_call_expression
  object: (_) @receiver
  name: (name) @name
  arguments: (arguments) @args) @call

(nullsafe_member_call_expression
  object: (_) @receiver
  name: (name) @name
  arguments: (arguments) @args) @call

(scoped_call_expression
  scope: (_) @receiver
  name: (name) @name
  arguments: (arguments) @args) @call

(function_call_expression
  function: (name) @name
  arguments: (arguments) @args) @call

; echo $x, ...; is a statement, print $x an expression: each logs its operands
(echo_statement "echo" @name) @call @args

(print_intrinsic "print" @name) @call @args
