; FQ040 tls-verification-disabled
(keyword_argument
  name: (identifier) @key
  value: (false) @fq040
  (#eq? @key "verify"))

(assignment
  left: (attribute attribute: (identifier) @attr)
  right: (false) @fq040
  (#any-of? @attr "verify" "check_hostname"))

(attribute
  object: (identifier) @module
  attribute: (identifier) @fq040
  (#eq? @module "ssl")
  (#eq? @fq040 "_create_unverified_context"))

(assignment
  right: (attribute attribute: (identifier) @fq040)
  (#eq? @fq040 "CERT_NONE"))

(keyword_argument
  value: [(attribute attribute: (identifier) @fq040) (string) @fq040]
  (#match? @fq040 "CERT_NONE"))

; urllib3: PoolManager(cert_reqs='NONE'), cert_reqs=ssl.CERT_OPTIONAL (a
; missing certificate is accepted); CERT_NONE is the pattern above
(keyword_argument
  name: (identifier) @key
  value: [(attribute attribute: (identifier) @fq040) (string) @fq040 (identifier) @fq040]
  (#eq? @key "cert_reqs")
  (#match? @fq040 "^['\"]?(CERT_OPTIONAL|NONE|OPTIONAL)['\"]?$"))

(assignment
  left: (subscript subscript: (string) @key)
  right: (string) @value
  (#match? @key "PYTHONHTTPSVERIFY|NODE_TLS_REJECT_UNAUTHORIZED")
  (#match? @value "^['\"]0['\"]$")) @fq040

; FQ041 weak-tls-version
(attribute
  attribute: (identifier) @fq041
  (#any-of? @fq041 "PROTOCOL_TLSv1" "PROTOCOL_TLSv1_1" "PROTOCOL_SSLv3" "PROTOCOL_SSLv2"))

; pyOpenSSL: SSL.Context(SSL.TLSv1_METHOD), also as a default argument;
; SSLv23_METHOD negotiates down to SSL 3 and TLS 1.0
(attribute
  attribute: (identifier) @fq041
  (#any-of? @fq041 "TLSv1_METHOD" "TLSv1_1_METHOD" "SSLv2_METHOD" "SSLv3_METHOD" "SSLv23_METHOD"))

; the same imported by name: from OpenSSL.SSL import TLSv1_METHOD
(argument_list
  (identifier) @fq041
  (#any-of? @fq041 "TLSv1_METHOD" "TLSv1_1_METHOD" "SSLv2_METHOD" "SSLv3_METHOD" "SSLv23_METHOD"))

(default_parameter
  value: (identifier) @fq041
  (#any-of? @fq041 "TLSv1_METHOD" "TLSv1_1_METHOD" "SSLv2_METHOD" "SSLv3_METHOD" "SSLv23_METHOD"))

(assignment
  left: (attribute attribute: (identifier) @attr)
  right: (attribute attribute: (identifier) @fq041)
  (#any-of? @attr "minimum_version" "maximum_version")
  (#any-of? @fq041 "TLSv1" "TLSv1_1" "SSLv3"))

; aiohttp: TCPConnector(ssl=False), session.get(url, verify_ssl=False)
(call
  function: [(identifier) (attribute attribute: (identifier))] @fn
  arguments: (argument_list
    (keyword_argument
      name: (identifier) @key
      value: (false) @fq040))
  (#match? @fn "TCPConnector$")
  (#eq? @key "ssl"))

(keyword_argument
  name: (identifier) @key
  value: (false) @fq040
  (#eq? @key "verify_ssl"))

; pycurl: c.setopt(pycurl.SSL_VERIFYPEER, 0), c.setopt(c.SSL_VERIFYHOST, False)
(call
  function: (attribute attribute: (identifier) @fn)
  arguments: (argument_list
    .
    (attribute attribute: (identifier) @opt)
    .
    [(integer) (false)] @fq040)
  (#eq? @fn "setopt")
  (#any-of? @opt "SSL_VERIFYPEER" "SSL_VERIFYHOST")
  (#match? @fq040 "^(0|False)$"))
