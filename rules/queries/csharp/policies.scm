; FQ010/FQ011 candidates outside protect calls: constants, fields, locals,
; properties, statements and initializer members whose name holds "policy"
; (an attribute's Policy = "..." is ASP.NET authorization, not 4Quays).
(variable_declarator
  name: (identifier) @key
  (string_literal) @fq010
  (#match? @key "(?i)polic"))

(expression_statement
  (assignment_expression
    left: [(identifier) (member_access_expression)] @key
    right: (string_literal) @fq010
    (#match? @key "(?i)polic")))

(initializer_expression
  (assignment_expression
    left: (identifier) @key
    right: (string_literal) @fq010
    (#match? @key "(?i)polic")))

(property_declaration
  name: (identifier) @key
  value: (string_literal) @fq010
  (#match? @key "(?i)polic"))
