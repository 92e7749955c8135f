; FQ040 tls-verification-disabled
; a HostnameVerifier that accepts every host: (host, session) -> true, or a
; block that only returns true
(method_invocation
  name: (identifier) @method
  arguments: (argument_list (lambda_expression body: (true) @fq040))
  (#match? @method "^(setDefault|set)?[Hh]ostnameVerifier$"))

(method_invocation
  name: (identifier) @method
  arguments: (argument_list (lambda_expression body: (block . (return_statement (true)) @fq040 .)))
  (#match? @method "^(setDefault|set)?[Hh]ostnameVerifier$"))

; Apache's loadTrustMaterial(null, (chain, authType) -> true)
(method_invocation
  name: (identifier) @method
  arguments: (argument_list (lambda_expression body: (true) @fq040))
  (#eq? @method "loadTrustMaterial"))

; a verify(String, SSLSession) method that returns true
(method_declaration
  name: (identifier) @name
  parameters: (formal_parameters (formal_parameter type: (type_identifier) @type))
  body: (block . (return_statement (true)) @fq040 .)
  (#eq? @name "verify")
  (#eq? @type "SSLSession"))

; verifiers and trust managers that check nothing
(object_creation_expression
  type: (type_identifier) @fq040
  (#any-of? @fq040 "NoopHostnameVerifier" "AllowAllHostnameVerifier" "TrustAllStrategy"))

(field_access
  field: (identifier) @fq040
  (#eq? @fq040 "ALLOW_ALL_HOSTNAME_VERIFIER"))

(field_access
  object: (identifier) @class
  field: (identifier) @fq040
  (#any-of? @class "NoopHostnameVerifier" "TrustAllStrategy" "InsecureTrustManagerFactory")
  (#eq? @fq040 "INSTANCE"))

; a trust-all X509TrustManager: checkServerTrusted that never throws and
; delegates to no other trust manager
(method_declaration
  name: (identifier) @fq040
  body: (block) @body
  (#eq? @fq040 "checkServerTrusted")
  (#not-match? @body "throw|checkServerTrusted|verify"))

; FQ041 weak-tls-version: SSLContext.getInstance("TLSv1"), enabled protocols,
; OkHttp's tlsVersions(TlsVersion.TLS_1_0), the https.protocols property
(method_invocation
  object: (identifier) @class
  name: (identifier) @method
  arguments: (argument_list . (string_literal) @fq041)
  (#eq? @class "SSLContext")
  (#eq? @method "getInstance")
  (#match? @fq041 "^\"(TLSv1|TLSv1\\.1|SSL|SSLv2|SSLv3)\"$"))

(method_invocation
  name: (identifier) @method
  arguments: (argument_list (array_creation_expression value: (array_initializer (string_literal) @fq041)))
  (#any-of? @method "setEnabledProtocols" "setProtocols")
  (#match? @fq041 "^\"(TLSv1|TLSv1\\.1|SSLv2Hello|SSLv3)\"$"))

(method_invocation
  name: (identifier) @method
  arguments: (argument_list (field_access field: (identifier) @fq041))
  (#eq? @method "tlsVersions")
  (#any-of? @fq041 "TLS_1_0" "TLS_1_1" "SSL_3_0"))

(method_invocation
  object: (identifier) @class
  name: (identifier) @method
  arguments: (argument_list . (string_literal) @key . (string_literal) @fq041)
  (#eq? @class "System")
  (#eq? @method "setProperty")
  (#match? @key "^\"(https\\.protocols|jdk\\.tls\\.client\\.protocols)\"$")
  (#match? @fq041 "TLSv1(\\.1)?(\"|,)|SSLv3"))
