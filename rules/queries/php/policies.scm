; FQ010/FQ011 candidates outside protect calls: constants, variables,
; properties and array entries whose name holds "policy".
(const_element
  (name) @key
  (string) @fq010
  (#match? @key "(?i)polic"))

(assignment_expression
  left: [(variable_name) (member_access_expression)] @key
  right: (string) @fq010
  (#match? @key "(?i)polic"))

(array_element_initializer
  (string) @key
  (string) @fq010
  (#match? @key "(?i)polic"))

(property_element
  (variable_name) @key
  (string) @fq010
  (#match? @key "(?i)polic"))

; define('TRANSFER_POLICY', 'X')
(function_call_expression
  function: (name) @function
  arguments: (arguments (argument (string) @key) . (argument (string) @fq010))
  (#eq? @function "define")
  (#match? @key "(?i)polic"))
