; FQ040 tls-verification-disabled
(pair
  key: [(property_identifier) (string)] @key
  value: (false) @fq040
  (#match? @key "^['\"]?(rejectUnauthorized|strictSSL)['\"]?$"))

(assignment_expression
  left: (member_expression property: (property_identifier) @prop)
  right: (false) @fq040
  (#any-of? @prop "rejectUnauthorized" "strictSSL"))

(assignment_expression
  left: (member_expression property: (property_identifier) @prop)
  right: [(string) (number)] @value
  (#eq? @prop "NODE_TLS_REJECT_UNAUTHORIZED")
  (#match? @value "^['\"]?0['\"]?$")) @fq040

(assignment_expression
  left: (subscript_expression index: (string) @prop)
  right: [(string) (number)] @value
  (#match? @prop "NODE_TLS_REJECT_UNAUTHORIZED")
  (#match? @value "^['\"]?0['\"]?$")) @fq040

; FQ041 weak-tls-version
(pair
  key: [(property_identifier) (string)] @key
  value: (string) @fq041
  (#match? @key "^['\"]?(minVersion|maxVersion)['\"]?$")
  (#match? @fq041 "^['\"](TLSv1|TLSv1\\.1|SSLv3)['\"]$"))

(pair
  key: [(property_identifier) (string)] @key
  value: (string) @fq041
  (#match? @key "^['\"]?secureProtocol['\"]?$")
  (#match? @fq041 "(TLSv1_method|TLSv1_1_method|TLSv1_client_method|TLSv1_1_client_method|SSLv3_method|SSLv23_method)"))

; secureOptions that turns off SSL 2/3 but not TLS 1.0 and 1.1 (with
; secureProtocol 'TLS_method' or an old Node those stay on); a minVersion
; in the same options decides instead
(object
  (pair
    key: [(property_identifier) (string)] @key
    value: [(binary_expression) (member_expression) (identifier)] @fq041)
  (#match? @key "^['\"]?secureOptions['\"]?$")
  (#match? @fq041 "SSL_OP_NO_SSLv")
  (#not-match? @fq041 "SSL_OP_NO_TLSv1_1")
  (#not-match? @options "minVersion")) @options

(assignment_expression
  left: (member_expression property: (property_identifier) @prop)
  right: (string) @fq041
  (#any-of? @prop "minVersion" "maxVersion" "DEFAULT_MIN_VERSION" "DEFAULT_MAX_VERSION")
  (#match? @fq041 "^['\"](TLSv1|TLSv1\\.1|SSLv3)['\"]$"))

; const rejectUnauthorized = false; ... new https.Agent({ rejectUnauthorized })
(variable_declarator
  name: (identifier) @name
  value: (false) @fq040
  (#any-of? @name "rejectUnauthorized" "strictSSL"))
