#!/usr/bin/env bash
# The bundled examples that scripts/demo audits: examples/services holds one
# small integration per language beyond JavaScript and Python, each with the
# one flaw its README names; the rest of each file draws nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

: "${FQ_SRC:?FQ_SRC must name the source tree (run the tests through ctest)}"

R=$T/examples
newrepo "$R"
cp -R "$FQ_SRC/examples/services" "$R/services"
commit "$R" "examples"

case_ "one flaw per language in examples/services"
fq services scan --format json "$R"
expect_rc 1
expect_n 1 '.rule_id == "FQ020" and .path == "services/go/transfer.go"' "$OUT" "Go: payload to slog"
expect_n 1 '.rule_id == "FQ021" and .path == "services/java/TransferService.java"' "$OUT" "Java: setter on the sealed result"
expect_n 1 '.rule_id == "FQ030" and .path == "services/kotlin/Sealer.kt"' "$OUT" "Kotlin: unprotect without handling"
expect_n 1 '.rule_id == "FQ020" and .path == "services/csharp/TransferController.cs"' "$OUT" "C#: payload in an ILogger template"
expect_n 1 '.rule_id == "FQ023" and .path == "services/csharp/TransferController.cs"' "$OUT" "C#: payload not validated"
expect_n 1 '.rule_id == "FQ030" and .path == "services/ruby/transfer_sealer.rb"' "$OUT" "Ruby: bare rescue"
expect_n 1 '.rule_id == "FQ040" and .path == "services/php/TransferSealer.php"' "$OUT" "PHP: Guzzle verify => false"
jqt '.findings | length == 7' "$OUT" "nothing else in the examples"
jqt '.unanalysed == []' "$OUT" "every example was read"

case_ "the audit reads every language: code items are not UNVERIFIED for coverage"
fq services-audit audit --format json "$R"
jqt '[.checklist[] | select(.coverage != null) | .coverage.unanalysed | length] | all(. == 0)' "$OUT" \
	"no unanalysed files"
jqt '.checklist[] | select(.id == "C04") | .status == "FAIL"' "$OUT" "payloads logged: C04 fails"

finish
