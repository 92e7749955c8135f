#!/usr/bin/env bash
# What is parsed (issue: speed on real repositories): a file is parsed only
# when it holds a word some code rule needs in its own language.  Words of
# another language's TLS settings, "protect" inside longer words (the
# keyword "protected", protectProperties), "olic" in "symbolic" and an
# http:// URL in a file that never names 4Quays parse nothing; the findings of the files that are parsed are
# all still there.  Files no code rule reads look for the key prefix alone,
# and still find every key.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkkey KBIN live pre-binary
mkkey KMD test pre-markdown
mkkey KB64 live pre-base64

R=$T/repo
newrepo "$R"
mkdir -p "$R/src" "$R/svc" "$R/docs" "$R/assets"
# TypeScript classes with protected members and nothing of 4Quays
cat >"$R/src/base.ts" <<'TS'
export abstract class Base {
  protected readonly name: string;
  protected constructor(name: string) { this.name = name; }
  protected describe(): string { return this.name; }
}
TS
# the same keyword beside a real protect call that logs its payload
cat >"$R/src/sealer.ts" <<'TS'
import { FourQ } from "@4quays/sdk";
export class Sealer {
  protected fourq = new FourQ({ apiKey: process.env.FOURQ_API_KEY });
  async seal(payload: object) {
    console.log("sealing", payload);
    return this.fourq.protect(payload, "BANK-TRANSFER-PROD-001");
  }
}
TS
# Go's TLS word in a JavaScript file is no JavaScript setting
cat >"$R/src/notes.js" <<'JS'
// Go services set InsecureSkipVerify in tls.Config; see svc/client.go.
export const note = "InsecureSkipVerify is Go's";
JS
cat >"$R/svc/client.go" <<'GO'
package svc

import (
	"crypto/tls"
	"net/http"
)

func Client() *http.Client {
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
}
GO
# an http:// URL is FQ042's only where the file names 4Quays
cat >"$R/src/links.js" <<'JS'
// See http://example.com/docs for the format.
export const docs = "http://example.com/docs";
JS
cat >"$R/src/config.js" <<'JS'
export const FOURQ_API_BASE = process.env.FOURQ_API_BASE || "http://fourq-gateway.internal";
JS
# "protect" inside longer words calls nothing; protectAsync does
cat >"$R/src/props.js" <<'JS'
// setGlobal protects the globals it sets
export const keep = (g) => protectProperties(g);
JS
mkdir -p "$R/src/main/java/pay"
cat >"$R/src/main/java/pay/Later.java" <<'JAVA'
package pay;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class Later {
    private static final Logger log = LoggerFactory.getLogger(Later.class);

    CompletableFuture<Protected> sealLater(FourQClient fourq, Transfer payload) {
        log.info("sealing later {}", payload);
        return fourq.protectAsync(payload, "BANK-TRANSFER-PROD-001");
    }
}
JAVA
# "olic" is a policy setting's word only as "polic": not in "symbolic"
cat >"$R/src/links2.js" <<'JS'
export const isLink = (st) => st.isSymbolicLink();
JS
# Python's verify=False still reaches the code rules
cat >"$R/svc/fetch.py" <<'PY'
import requests

def fetch_keys(base):
    return requests.get(base + "/v1/keys", verify=False)
PY
# keys in files no code rule reads: markdown, and binary after a NUL
printf '# Setup\n\nUse `%s` in staging.\n' "$KMD" >"$R/docs/setup.md"
printf 'GIF89a\001\000\001\000\000\377\000key=%s\000\001' "$KBIN" >"$R/assets/pixel.gif"
# base64 text inside an image's compressed bytes is noise, not a leak: only
# raw keys are looked for there; any other binary file is searched for both
b64=$(printf 'FOURQ_API_KEY=%s\n' "$KB64" | base64 -w0)
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000%s\000' "$b64" >"$R/assets/noise.png"
printf 'BLOB\000\001\002%s\000\003' "$b64" >"$R/assets/state.bin"
commit "$R" "pre-check cases"

case_ "only the files with their own language's words are parsed, and their findings are all there"
fq s scan --format json "$R"
expect_rc 1
jqt '.stats.parsed_files == 5' "$OUT" "sealer.ts, Later.java, config.js, client.go and fetch.py; not base.ts, notes.js, links.js, links2.js or props.js"
expect_n 1 '.rule_id == "FQ020" and .path == "src/sealer.ts"'
expect_n 1 '.rule_id == "FQ040" and .path == "svc/client.go"'
expect_n 1 '.rule_id == "FQ040" and .path == "svc/fetch.py"'
expect_n 1 '.rule_id == "FQ042" and .path == "src/config.js"'
expect_n 1 '.rule_id == "FQ020" and .path == "src/main/java/pay/Later.java"'
expect_n 0 '.path == "src/base.ts" or .path == "src/notes.js" or .path == "src/links.js" or .path == "src/links2.js" or .path == "src/props.js"'

case_ "keys in markdown, after a NUL in a binary file and base64 in a binary file are found, redacted"
expect_n 1 "$(has "$KMD") and .path == \"docs/setup.md\" and .rule_id == \"FQ001\""
expect_n 1 "$(has "$KBIN") and .path == \"assets/pixel.gif\" and .rule_id == \"FQ001\""
expect_n 1 "$(has "$KB64") and .path == \"assets/state.bin\" and .encoding == \"base64\""
expect_n 0 '.path == "assets/noise.png"'
jqt '.stats.binary_files == 3'
no_key_in "$OUT" "$ERR"

case_ "the keyword file joins the parsed ones once it calls protect"
printf 'export function again(p: object) { return fourq.protect(p, "P"); }\n' >>"$R/src/base.ts"
commit "$R" "base.ts calls protect"
fq s2 scan --format json "$R"
jqt '.stats.parsed_files == 6'

finish
