; FQ010/FQ011 candidates outside protect calls: configuration values whose
; key names a policy ({ policy: 'X' }, const TRANSFER_POLICY = 'X').
(pair
  key: [(property_identifier) (string)] @key
  value: (string) @fq010
  (#match? @key "(?i)policy"))

(variable_declarator
  name: (identifier) @key
  value: (string) @fq010
  (#match? @key "(?i)policy"))

(assignment_expression
  left: [(identifier) (member_expression)] @key
  right: (string) @fq010
  (#match? @key "(?i)policy"))

; function f({ policy = 'X' }) and function f(policy = 'X')
(object_assignment_pattern
  left: (shorthand_property_identifier_pattern) @key
  right: (string) @fq010
  (#match? @key "(?i)policy"))

(assignment_pattern
  left: (identifier) @key
  right: (string) @fq010
  (#match? @key "(?i)policy"))
