; FQ040 tls-verification-disabled
; OkHttp's hostnameVerifier { _, _ -> true } and a HostnameVerifier SAM
(call_expression
  (navigation_expression (navigation_suffix (simple_identifier) @method))
  (call_suffix (annotated_lambda (lambda_literal (statements . (boolean_literal) @fq040 .))))
  (#match? @method "^(setDefault|set)?[Hh]ostnameVerifier$")
  (#eq? @fq040 "true"))

(call_expression
  (simple_identifier) @type
  (call_suffix (annotated_lambda (lambda_literal (statements . (boolean_literal) @fq040 .))))
  (#eq? @type "HostnameVerifier")
  (#eq? @fq040 "true"))

; an override of verify(hostname, session: SSLSession) that returns true
(function_declaration
  (simple_identifier) @name
  (function_value_parameters) @params
  (function_body) @fq040
  (#eq? @name "verify")
  (#match? @params "SSLSession")
  (#match? @fq040 "^(=\\s*true|\\{\\s*return\\s+true\\s*;?\\s*\\})$"))

; a trust-all X509TrustManager: checkServerTrusted that never throws and
; delegates to no other trust manager
(function_declaration
  (simple_identifier) @fq040
  (function_body) @body
  (#eq? @fq040 "checkServerTrusted")
  (#not-match? @body "throw|checkServerTrusted|verify"))

(navigation_expression
  (simple_identifier) @class
  (navigation_suffix (simple_identifier) @field)
  (#any-of? @class "NoopHostnameVerifier" "TrustAllStrategy" "InsecureTrustManagerFactory")
  (#eq? @field "INSTANCE")) @fq040

; FQ041 weak-tls-version
(call_expression
  (navigation_expression
    (simple_identifier) @class
    (navigation_suffix (simple_identifier) @method))
  (call_suffix (value_arguments . (value_argument (string_literal) @fq041)))
  (#eq? @class "SSLContext")
  (#eq? @method "getInstance")
  (#match? @fq041 "^\"(TLSv1|TLSv1\\.1|SSL|SSLv2|SSLv3)\"$"))

; protocol lists: setEnabledProtocols(arrayOf("TLSv1")), enabledProtocols = arrayOf(...)
(call_expression
  (simple_identifier) @function
  (call_suffix (value_arguments (value_argument (string_literal) @fq041)))
  (#any-of? @function "arrayOf" "listOf")
  (#match? @fq041 "^\"(TLSv1|TLSv1\\.1|SSLv2Hello|SSLv3)\"$"))

; OkHttp's tlsVersions(TlsVersion.TLS_1_0)
(call_expression
  (navigation_expression (navigation_suffix (simple_identifier) @method))
  (call_suffix (value_arguments (value_argument (navigation_expression (navigation_suffix (simple_identifier) @fq041)))))
  (#eq? @method "tlsVersions")
  (#any-of? @fq041 "TLS_1_0" "TLS_1_1" "SSL_3_0"))
