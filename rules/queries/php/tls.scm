; FQ040 tls-verification-disabled: curl_setopt($ch, CURLOPT_SSL_VERIFYPEER,
; false), [CURLOPT_SSL_VERIFYHOST => 0], Guzzle 'verify' => false, stream
; contexts 'verify_peer' => false
(function_call_expression
  function: (name) @function
  arguments: (arguments (argument (name) @option) . (argument [(boolean) (integer)] @fq040))
  (#eq? @function "curl_setopt")
  (#any-of? @option "CURLOPT_SSL_VERIFYPEER" "CURLOPT_SSL_VERIFYHOST")
  (#match? @fq040 "^(?i:false|0)$"))

(array_element_initializer
  (name) @option
  [(boolean) (integer)] @fq040
  (#any-of? @option "CURLOPT_SSL_VERIFYPEER" "CURLOPT_SSL_VERIFYHOST")
  (#match? @fq040 "^(?i:false|0)$"))

(array_element_initializer
  (string) @key
  (boolean) @fq040
  (#match? @key "^['\"](verify|verify_peer|verify_peer_name|verify_host)['\"]$")
  (#match? @fq040 "^(?i:false)$"))

(array_element_initializer
  (string) @key
  (boolean) @fq040
  (#match? @key "^['\"]allow_self_signed['\"]$")
  (#match? @fq040 "^(?i:true)$"))

; Laravel's Http::withoutVerifying()
(scoped_call_expression
  name: (name) @fq040
  (#eq? @fq040 "withoutVerifying"))

(member_call_expression
  name: (name) @fq040
  (#eq? @fq040 "withoutVerifying"))

; FQ041 weak-tls-version: CURLOPT_SSLVERSION below TLS 1.2, crypto methods
(array_element_initializer
  (name) @option
  (name) @fq041
  (#eq? @option "CURLOPT_SSLVERSION")
  (#match? @fq041 "^CURL_SSLVERSION_(TLSv1|TLSv1_0|TLSv1_1|SSLv2|SSLv3)$"))

(function_call_expression
  function: (name) @function
  arguments: (arguments (argument (name) @option) . (argument (name) @fq041))
  (#eq? @function "curl_setopt")
  (#eq? @option "CURLOPT_SSLVERSION")
  (#match? @fq041 "^CURL_SSLVERSION_(TLSv1|TLSv1_0|TLSv1_1|SSLv2|SSLv3)$"))

; stream crypto methods below TLS 1.2 (an array value, an argument, or-ed)
(array_element_initializer
  (string) @key
  (name) @fq041
  (#match? @key "crypto_method")
  (#match? @fq041 "^STREAM_CRYPTO_METHOD_(TLSv1_0|TLSv1_1|SSLv2|SSLv3|SSLv23|TLS)_CLIENT$"))

(argument
  (name) @fq041
  (#match? @fq041 "^STREAM_CRYPTO_METHOD_(TLSv1_0|TLSv1_1|SSLv2|SSLv3|SSLv23)_CLIENT$"))

(binary_expression
  (name) @fq041
  (#match? @fq041 "^(STREAM_CRYPTO_METHOD_(TLSv1_0|TLSv1_1|SSLv2|SSLv3)_CLIENT|CURL_SSLVERSION_(TLSv1|TLSv1_0|TLSv1_1|SSLv3))$"))
