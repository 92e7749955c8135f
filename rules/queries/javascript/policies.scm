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
