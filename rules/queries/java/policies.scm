; FQ010/FQ011 candidates outside protect calls: fields, locals and
; assignments whose name holds "policy"
; (static final String TRANSFER_POLICY = "X"; this.policy = "X").
(variable_declarator
  name: (identifier) @key
  value: (string_literal) @fq010
  (#match? @key "(?i)polic"))

(assignment_expression
  left: [(identifier) (field_access)] @key
  right: (string_literal) @fq010
  (#match? @key "(?i)polic"))
