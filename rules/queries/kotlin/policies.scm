; FQ010/FQ011 candidates outside protect calls: properties, assignments and
; named arguments whose name holds "policy" (const val TRANSFER_POLICY =
; "X", this.policy = "X", protect(policy = "X") is read as a protect call).
(property_declaration
  (variable_declaration (simple_identifier) @key)
  (string_literal) @fq010
  (#match? @key "(?i)polic"))

(assignment
  (directly_assignable_expression) @key
  (string_literal) @fq010
  (#match? @key "(?i)polic"))

(value_argument
  (simple_identifier) @key
  (string_literal) @fq010
  (#match? @key "(?i)polic"))

; data class FourQSettings(val policy: String = "X") and fun f(policy: String = "X")
(class_parameter
  (simple_identifier) @key
  (string_literal) @fq010
  (#match? @key "(?i)polic"))

(function_value_parameters
  (parameter (simple_identifier) @key)
  .
  (string_literal) @fq010
  (#match? @key "(?i)polic"))

; mapOf("policy" to "X")
(infix_expression
  (string_literal) @key
  (simple_identifier)
  (string_literal) @fq010
  (#match? @key "(?i)polic"))
