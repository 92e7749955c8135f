; FQ010/FQ011 candidates outside protect calls: constants, variables,
; attribute writers and hash entries whose name holds "policy".
(assignment
  left: [(constant) (identifier) (instance_variable) (call)] @key
  right: (string) @fq010
  (#match? @key "(?i)polic"))

(pair
  key: [(hash_key_symbol) (simple_symbol) (string)] @key
  value: (string) @fq010
  (#match? @key "(?i)polic"))

; TRANSFER_POLICY = "X".freeze
(assignment
  left: [(constant) (identifier) (instance_variable) (call)] @key
  right: (call receiver: (string) @fq010 method: (identifier) @method)
  (#match? @key "(?i)polic")
  (#eq? @method "freeze"))
