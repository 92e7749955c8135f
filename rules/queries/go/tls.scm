; FQ040 tls-verification-disabled: tls.Config{InsecureSkipVerify: true},
; cfg.InsecureSkipVerify = true
(keyed_element
  key: (literal_element (identifier) @key)
  value: (literal_element (true) @fq040)
  (#eq? @key "InsecureSkipVerify"))

(assignment_statement
  left: (expression_list (selector_expression field: (field_identifier) @field))
  right: (expression_list (true) @fq040)
  (#eq? @field "InsecureSkipVerify"))

; FQ041 weak-tls-version: MinVersion (or MaxVersion) below TLS 1.2
(keyed_element
  key: (literal_element (identifier) @key)
  value: (literal_element (selector_expression field: (field_identifier) @fq041))
  (#any-of? @key "MinVersion" "MaxVersion")
  (#any-of? @fq041 "VersionTLS10" "VersionTLS11" "VersionSSL30"))

(assignment_statement
  left: (expression_list (selector_expression field: (field_identifier) @field))
  right: (expression_list (selector_expression field: (field_identifier) @fq041))
  (#any-of? @field "MinVersion" "MaxVersion")
  (#any-of? @fq041 "VersionTLS10" "VersionTLS11" "VersionSSL30"))
