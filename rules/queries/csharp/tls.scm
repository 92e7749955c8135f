; FQ040 tls-verification-disabled: certificate callbacks that accept
; everything, and the handler's DangerousAcceptAnyServerCertificateValidator
(assignment_expression
  left: [(identifier) (member_access_expression)] @key
  right: (lambda_expression body: (boolean_literal) @fq040)
  (#match? @key "(ServerCertificateCustomValidationCallback|ServerCertificateValidationCallback|RemoteCertificateValidationCallback)$")
  (#eq? @fq040 "true"))

(assignment_expression
  left: [(identifier) (member_access_expression)] @key
  right: (lambda_expression body: (block . (return_statement (boolean_literal) @fq040) .))
  (#match? @key "(ServerCertificateCustomValidationCallback|ServerCertificateValidationCallback|RemoteCertificateValidationCallback)$")
  (#eq? @fq040 "true"))

(member_access_expression
  name: (identifier) @fq040
  (#eq? @fq040 "DangerousAcceptAnyServerCertificateValidator"))

; new RemoteCertificateValidationCallback((s, c, ch, e) => true), SslStream(..., (s, c, ch, e) => true)
(argument
  (lambda_expression
    parameters: (parameter_list (parameter) (parameter) (parameter) (parameter))
    body: (boolean_literal) @fq040)
  (#eq? @fq040 "true"))

; an anonymous method that returns true: delegate { return true; }
(assignment_expression
  left: [(identifier) (member_access_expression)] @key
  right: (anonymous_method_expression (block . (return_statement (boolean_literal) @fq040) .))
  (#match? @key "(ServerCertificateCustomValidationCallback|ServerCertificateValidationCallback|RemoteCertificateValidationCallback)$")
  (#eq? @fq040 "true"))

; a named validation method (..., SslPolicyErrors errors) that returns true
(method_declaration
  parameters: (parameter_list) @params
  body: (block . (return_statement (boolean_literal) @fq040) .)
  (#match? @params "SslPolicyErrors")
  (#eq? @fq040 "true"))

; FQ041 weak-tls-version: SslProtocols.Tls/Tls11/Ssl3/Default, SecurityProtocolType.Tls/Tls11/Ssl3
; set (=, |=, an initializer) or passed, not compared or cleared
(assignment_expression
  right: (member_access_expression
    expression: (identifier) @type
    name: (identifier) @fq041)
  (#any-of? @type "SslProtocols" "SecurityProtocolType")
  (#any-of? @fq041 "Tls" "Tls11" "Ssl3" "Ssl2" "Default"))

(assignment_expression
  right: (binary_expression
    (member_access_expression
      expression: (identifier) @type
      name: (identifier) @fq041))
  (#any-of? @type "SslProtocols" "SecurityProtocolType")
  (#any-of? @fq041 "Tls" "Tls11" "Ssl3" "Ssl2" "Default"))

(argument
  (member_access_expression
    expression: (identifier) @type
    name: (identifier) @fq041)
  (#any-of? @type "SslProtocols" "SecurityProtocolType")
  (#any-of? @fq041 "Tls" "Tls11" "Ssl3" "Ssl2" "Default"))

(argument
  (binary_expression
    (member_access_expression
      expression: (identifier) @type
      name: (identifier) @fq041))
  (#any-of? @type "SslProtocols" "SecurityProtocolType")
  (#any-of? @fq041 "Tls" "Tls11" "Ssl3" "Ssl2" "Default"))
