; FQ010/FQ011 candidates outside protect calls: constants, variables and
; struct fields whose name holds "policy" (const transferPolicy = "X",
; Config{Policy: "X"}, cfg.Policy = "X").
(const_spec
  name: (identifier) @key
  value: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @fq010)
  (#match? @key "(?i)polic"))

(var_spec
  name: (identifier) @key
  value: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @fq010)
  (#match? @key "(?i)polic"))

(short_var_declaration
  left: (expression_list . (identifier) @key)
  right: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @fq010)
  (#match? @key "(?i)polic"))

(assignment_statement
  left: (expression_list . [(identifier) (selector_expression)] @key)
  right: (expression_list . [(interpreted_string_literal) (raw_string_literal)] @fq010)
  (#match? @key "(?i)polic"))

(keyed_element
  key: (literal_element [(identifier) (interpreted_string_literal)] @key)
  value: (literal_element [(interpreted_string_literal) (raw_string_literal)] @fq010)
  (#match? @key "(?i)polic"))
