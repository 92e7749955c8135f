; FQ010/FQ011 candidates outside protect calls (see javascript/policies.scm).
(pair
  key: (string) @key
  value: (string) @fq010
  (#match? @key "(?i)policy"))

(assignment
  left: (identifier) @key
  right: (string) @fq010
  (#match? @key "(?i)policy"))

(keyword_argument
  name: (identifier) @key
  value: (string) @fq010
  (#match? @key "(?i)policy"))
