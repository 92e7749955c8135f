#!/usr/bin/env bash
# Coverage is reported, never assumed (SPEC §3a, §5): a file that mentions
# the 4Quays SDK and that the code rules did not read (a language they do not
# know, a file over the parse limit, syntax errors around the calls) keeps
# the checklist items whose evidence is code (C02, C03, C04, C08, C10,
# payload handling) from PASS, in every report, naming the file.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

CODE_ITEMS='["C02","C03","C04","C08","C10"]'

# status ITEM [FILE]: the status of a checklist item (or section id).
status() { jq -r --arg id "$1" '[.checklist[], .checklist_sections[]] | .[] | select(.id == $id) | .status' "${2:-$OUT}"; }

# expect_unverified_for PATH: every code item and payload handling is
# UNVERIFIED (or FAIL) naming PATH in its reason and coverage; the others
# list nothing.
expect_unverified_for() {
	local path=$1
	jqt "[.checklist[] | select(.id as \$i | $CODE_ITEMS | index(\$i)) | select(.status == \"PASS\" or .status == \"WARN\")] | length == 0" \
		"$OUT" "no code item may PASS or WARN while $path stands"
	jqt "[.checklist[] | select(.id as \$i | $CODE_ITEMS | index(\$i)) | select((.reason | contains(\"$path\")) and (.coverage.unanalysed | index(\"$path\")))] | length == 5" \
		"$OUT" "each code item names $path"
	jqt "[.checklist[] | select(.id as \$i | $CODE_ITEMS | index(\$i) | not) | select(.coverage.unanalysed | length > 0)] | length == 0" \
		"$OUT" "items without code evidence list nothing"
	jqt ".checklist_sections[] | select(.id == \"payload-handling\") | .status != \"PASS\" and (.coverage.unanalysed | index(\"$path\"))" \
		"$OUT" "payload handling names $path"
	jqt "[.unanalysed[] | select(.path == \"$path\")] | length == 1" "$OUT" "the top-level list has $path"
	jqt "[.errors[] | select(.path == \"$path\")] | length >= 1" "$OUT" "errors has a note for $path"
}

# ------------------------------------------------------------ other languages
case_ "an Elixir and a Rust service that call protect"
R=$T/polyglot
newrepo "$R"
mkdir -p "$R/lib" "$R/src"
cat >"$R/lib/pay.ex" <<'EOF'
defmodule Payments.Transfer do
  require Logger

  def send(payload) do
    Logger.info("sealing #{inspect(payload)}")
    {:ok, sealed} = FourQ.protect(payload, "BANK-TRANSFER-001")
    Map.put(sealed, :amount, 0)
  end
end
EOF
cat >"$R/src/seal.rs" <<'EOF'
pub async fn seal(client: &Client, payload: &Transfer) -> Result<Sealed, Error> {
    println!("{:?}", payload);
    client.protect(payload, "BANK-TRANSFER-001").await
}
EOF
commit "$R" "services"
fq elixir audit "$R" --format json
expect_rc 0
expect_unverified_for lib/pay.ex
expect_unverified_for src/seal.rs
for id in C02 C03 C04; do
	[ "$(status $id)" = UNVERIFIED ] || fail "$id is $(status $id), expected UNVERIFIED"
done
jqt '.unanalysed | map(.why) == ["Elixir", "Rust"]' "$OUT" "each says its language"
jqt '.checklist[] | select(.id == "C04") | .reason | test("^2 files that mention the 4Quays SDK were not analysed: lib/pay.ex \\(Elixir\\), src/seal.rs \\(Rust\\)")' \
	"$OUT" "the reason names the files and their languages"

case_ "the text, Markdown and HTML reports name them"
fq elixir-text audit "$R" --format text --no-color
grep -q '^not analysed: 2 files that mention the 4Quays SDK were not analysed: lib/pay.ex (Elixir), src/seal.rs (Rust)' "$OUT" \
	|| fail "the text summary does not name the unanalysed files"
grep -qE '^  C04 +UNVERIFIED +No payloads logged: 2 files' "$OUT" || fail "text C04 is not UNVERIFIED with the reason"
fq elixir-md audit "$R" --format markdown
grep -q '^#### Not analysed (2; 0 files read by the code rules)' "$OUT" || fail "Markdown has no Not analysed list"
grep -q 'lib/pay.ex' "$OUT" || fail "Markdown does not name lib/pay.ex"
fq elixir-html audit "$R" --format html
grep -q '<h4>Not analysed (2; 0 files read by the code rules)</h4>' "$OUT" || fail "HTML has no Not analysed list"
grep -q 'src/seal.rs' "$OUT" || fail "HTML does not name src/seal.rs"

# ------------------------------------------------------------ Go is read
case_ "a Go service that logs its payload and changes the protected result"
R=$T/gosvc
newrepo "$R"
mkdir -p "$R/svc"
cat >"$R/svc/transfer.go" <<'EOF'
package svc

import (
	"context"
	"log"

	"github.com/4quays/fourq-go"
)

func Send(ctx context.Context, client *fourq.Client, payload Transfer) error {
	log.Printf("sealing %v", payload)
	sealed, err := client.Protect(ctx, payload, "BANK-TRANSFER-001")
	if err != nil {
		return err
	}
	sealed.Amount = 0
	return nil
}
EOF
commit "$R" "go service"
fq gosvc audit "$R" --format json
expect_rc 1
jqt '.unanalysed == []' "$OUT" "the Go file was read"
expect_n 1 '.rule_id == "FQ020" and .path == "svc/transfer.go" and .line == 11'
expect_n 1 '.rule_id == "FQ010" and .path == "svc/transfer.go" and .line == 12'
expect_n 1 '.rule_id == "FQ021" and .path == "svc/transfer.go" and .line == 16'
[ "$(status C04)" = FAIL ] || fail "C04 is $(status C04), expected FAIL"
[ "$(status C02)" = WARN ] || fail "C02 is $(status C02), expected WARN (FQ010 is medium)"
[ "$(status payload-handling)" = FAIL ] || fail "payload handling is $(status payload-handling), expected FAIL"
jqt '.checklist[] | select(.id == "C04") | .coverage == {"files": 1, "unanalysed": []}'

# ------------------------------------------------------------ the parse limit
case_ "a JavaScript file over the parse limit that calls protect"
R=$T/big
newrepo "$R"
mkdir -p "$R/src"
{
	echo "const table = ["
	# 4.2 MiB of data rows, then the call the rules never see
	for i in $(seq 1 60000); do printf '  { id: %d, code: "ROW-%08d-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX" },\n' "$i" "$i"; done
	echo "];"
	echo "export async function send(p) { console.log(p); return fourq.protect(p, 'BANK-TRANSFER-001'); }"
} >"$R/src/table.js"
[ "$(stat -c %s "$R/src/table.js")" -gt $((4 * 1024 * 1024)) ] || die "the generated file is under the parse limit"
cat >"$R/src/ok.js" <<'EOF'
export async function ok(p) {
  try { return await fourq.protect(p, 'BANK-TRANSFER-PROD-001'); } catch (e) { logger.error(e.code); throw e; }
}
EOF
commit "$R" "big table"
fq big audit "$R" --format json
expect_unverified_for src/table.js
jqt '.unanalysed == [{"path": "src/table.js", "why": "JavaScript, not parsed: over the parse size limit"}]'
jqt '.checklist[] | select(.id == "C04") | .coverage.files == 1' "$OUT" "ok.js was read"

# ------------------------------------------------------------ syntax errors
case_ "syntax errors around the protect call"
R=$T/broken
newrepo "$R"
mkdir -p "$R/src"
cat >"$R/src/broken.js" <<'EOF'
export async function send(p) {
  logger.info(p);
  def sealed = await fourq.protect(p, 'BANK-TRANSFER-001');
  sealed.amount = 0;
}
EOF
commit "$R" "broken"
fq broken audit "$R" --format json
expect_unverified_for src/broken.js
jqt '.unanalysed[0].why == "JavaScript, syntax errors at line 3"'
R2=$T/broken2
newrepo "$R2"
mkdir -p "$R2/src"
cat >"$R2/src/broken.js" <<'EOF'
export async function send(p) {
  const sealed = await @@ fourq.protect(p, 'BANK-TRANSFER-001') @@ ;
}
EOF
cat >"$R2/src/other.js" <<'EOF'
export function add(a, b) { return a +* b; }
export async function send(p) {
  try { return await fourq.protect(p, 'BANK-TRANSFER-PROD-001'); } catch (e) { logger.error(e.code); throw e; }
}
EOF
commit "$R2" "broken2"
fq broken2 scan "$R2" --format json
jqt '.unanalysed == [{"path": "src/broken.js", "why": "JavaScript, syntax errors at line 2"}]' "$OUT" \
	"the call inside an ERROR node counts; an error in a function without 4Quays calls does not"

# ------------------------------------------------------------ FAIL stands
case_ "a finding still FAILs its item, and the reason adds the unread file"
R=$T/fail
newrepo "$R"
mkdir -p "$R/src" "$R/lib"
cat >"$R/src/send.js" <<'EOF'
export async function send(payload) {
  console.log(payload);
  try { return await fourq.protect(payload, 'BANK-TRANSFER-PROD-001'); } catch (e) { throw e; }
}
EOF
cp "$T/polyglot/lib/pay.ex" "$R/lib/pay.ex"
commit "$R" "both"
fq fail audit "$R" --format json
expect_rc 1
[ "$(status C04)" = FAIL ] || fail "C04 is $(status C04), expected FAIL (FQ020 stands)"
jqt '.checklist[] | select(.id == "C04") | .reason | test("high or critical finding.*; also, 1 file that mentions the 4Quays SDK was not analysed: lib/pay.ex \\(Elixir\\)")'
[ "$(status C03)" = UNVERIFIED ] || fail "C03 is $(status C03), expected UNVERIFIED"

# ------------------------------------------------------------ negatives
case_ "files that do not mention the SDK, docs and scripts leave the checklist alone"
R=$T/clean
newrepo "$R"
mkdir -p "$R/src" "$R/lib" "$R/scripts" "$R/docs"
cat >"$R/src/send.js" <<'EOF'
export async function send(payload) {
  const checked = schema.parse(payload);
  try { return await fourq.protect(checked, 'BANK-TRANSFER-PROD-001'); } catch (e) { logger.error(e.code); throw e; }
}
EOF
cat >"$R/lib/util.ex" <<'EOF'
defmodule Util do
  def protected?(x), do: x.protected_flag
  def add(a, b), do: a + b
end
EOF
cat >"$R/scripts/deploy.sh" <<'EOF'
#!/bin/sh
test -n "$FOURQ_API_KEY" || exit 1
curl -fsS https://api.4quays.example/health
EOF
cat >"$R/docs/usage.md" <<'EOF'
Call `fourq.protect(payload, "BANK-TRANSFER-PROD-001")` from the service.
EOF
cat >"$R/lib/host.rs" <<'EOF'
const HOST: &str = "https://api.4quays.example";
EOF
commit "$R" "clean"
fq clean audit "$R" --format json
jqt '.unanalysed == []' "$OUT" "nothing is unanalysed"
jqt '[.checklist[] | .coverage.unanalysed | length] | add == 0'
[ "$(status C04)" = PASS ] || fail "C04 is $(status C04), expected PASS"
jqt '.checklist[] | select(.id == "C04") | .coverage.files == 1'

case_ "a configured protect method name in another language"
R=$T/seal
newrepo "$R"
mkdir -p "$R/lib"
cat >"$R/lib/vault.ex" <<'EOF'
defmodule Vault do
  def store(p), do: Sealer.seal(p, "BANK-TRANSFER-PROD-001")
end
EOF
commit "$R" "seal"
fq seal-default audit "$R" --format json
jqt '.unanalysed == []' "$OUT" "seal is not a 4Quays name by default"
printf 'protect_methods: [protect, seal]\n' >"$R/.fourq-scan.yml"
commit "$R" "config"
fq seal-config audit "$R" --format json
jqt '.unanalysed | map(.path) == ["lib/vault.ex"]' "$OUT" "the configured name makes it a 4Quays call"

case_ "a scan (not an audit) says it too"
fq scan-text scan "$T/polyglot" --no-color
grep -q '^not analysed: 2 files' "$OUT" || fail "scan's text summary does not mention the unanalysed files"

finish
