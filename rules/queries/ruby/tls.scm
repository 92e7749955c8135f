; FQ040 tls-verification-disabled: verify_mode = OpenSSL::SSL::VERIFY_NONE,
; verify_mode: VERIFY_NONE, verify: false / verify_ssl: false options
(assignment
  left: (call method: (identifier) @method)
  right: (scope_resolution name: (constant) @fq040)
  (#eq? @method "verify_mode")
  (#eq? @fq040 "VERIFY_NONE"))

(pair
  key: [(hash_key_symbol) (simple_symbol)] @key
  value: (scope_resolution name: (constant) @fq040)
  (#match? @key "verify_mode")
  (#eq? @fq040 "VERIFY_NONE"))

(pair
  key: [(hash_key_symbol) (simple_symbol) (string)] @key
  value: (false) @fq040
  (#match? @key "^:?['\"]?(verify|verify_ssl|ssl_verify|ssl_verify_peer|verify_peer)['\"]?$"))

(assignment
  left: (call method: (identifier) @method)
  right: (false) @fq040
  (#any-of? @method "verify" "verify_ssl" "verify_hostname"))

; FQ041 weak-tls-version: ssl_version = :TLSv1, min_version = TLS1_1_VERSION
(assignment
  left: (call method: (identifier) @method)
  right: (simple_symbol) @fq041
  (#any-of? @method "ssl_version" "min_version" "max_version")
  (#match? @fq041 "^:(TLSv1|TLSv1_1|SSLv3|SSLv23|TLS1|TLS1_1|SSL3)$"))

(assignment
  left: (call method: (identifier) @method)
  right: (scope_resolution name: (constant) @fq041)
  (#any-of? @method "min_version" "max_version")
  (#any-of? @fq041 "TLS1_VERSION" "TLS1_1_VERSION" "SSL3_VERSION"))

(pair
  key: [(hash_key_symbol) (simple_symbol)] @key
  value: (simple_symbol) @fq041
  (#match? @key "(ssl_version|min_version|max_version)")
  (#match? @fq041 "^:(TLSv1|TLSv1_1|SSLv3|SSLv23|TLS1|TLS1_1|SSL3)$"))

(call
  method: (identifier) @method
  arguments: (argument_list . (simple_symbol) @fq041)
  (#eq? @method "ssl_version")
  (#match? @fq041 "^:(TLSv1|TLSv1_1|SSLv3|SSLv23)$"))

; OpenSSL::SSL::VERIFY_PEER = OpenSSL::SSL::VERIFY_NONE (redefined globally)
(assignment
  left: (scope_resolution name: (constant) @left)
  right: (scope_resolution name: (constant) @fq040)
  (#eq? @left "VERIFY_PEER")
  (#eq? @fq040 "VERIFY_NONE"))

; Typhoeus/Ethon: ssl_verifypeer: false, ssl_verifyhost: 0
(pair
  key: [(hash_key_symbol) (simple_symbol)] @key
  value: [(false) (integer)] @fq040
  (#match? @key "ssl_verify(peer|host)")
  (#match? @fq040 "^(false|0)$"))

; OpenSSL::SSL::SSLContext.new(:TLSv1)
(call
  receiver: (scope_resolution name: (constant) @class)
  method: (identifier) @method
  arguments: (argument_list . (simple_symbol) @fq041)
  (#eq? @class "SSLContext")
  (#eq? @method "new")
  (#match? @fq041 "^:(TLSv1|TLSv1_1|SSLv3|SSLv23)$"))
