; TypeScript (and TSX) only: the same settings behind a cast or satisfies
; ({ minVersion: 'TLSv1' as tls.SecureVersion }); see javascript/tls.scm.
(pair
  key: [(property_identifier) (string)] @key
  value: [(as_expression (false) @fq040) (satisfies_expression (false) @fq040)]
  (#match? @key "^['\"]?(rejectUnauthorized|strictSSL)['\"]?$"))

(pair
  key: [(property_identifier) (string)] @key
  value: [(as_expression (string) @fq041) (satisfies_expression (string) @fq041)]
  (#match? @key "^['\"]?(minVersion|maxVersion)['\"]?$")
  (#match? @fq041 "^['\"](TLSv1|TLSv1\\.1|SSLv3)['\"]$"))
