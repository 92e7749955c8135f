#!/usr/bin/env bash
# Golden end-to-end report: a realistic multi-service repository (TypeScript
# and JavaScript services, a TSX component, a Python service, configs,
# dotenv, nginx, shell) committed to a fresh repository and scanned to JSON,
# compared whole with tests/fixtures/golden/multiservice.json.  After an
# intended change, regenerate with FQ_UPDATE_GOLDEN=1 and review the diff.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

SRC=$FQ_SRC/tests/fixtures/golden/multiservice
WANT=$FQ_SRC/tests/fixtures/golden/multiservice.json
R=$T/multiservice
cp -r "$SRC" "$R"
g -C "$R" init -q
commit "$R" "the services"

normalise() { jq 'del(.stats.elapsed_ms) | .target.path = "multiservice"' "$1"; }

for jobs in 1 2; do
	case_ "golden report, --jobs $jobs"
	fq "golden$jobs" scan "$R" --format json --jobs "$jobs"
	expect_rc 1
	normalise "$OUT" >"$T/got$jobs.json"
	if [ -n "${FQ_UPDATE_GOLDEN:-}" ] && [ "$jobs" = 1 ]; then
		cp "$T/got1.json" "$WANT"
		echo "golden file updated: $WANT" >&2
	fi
	if ! diff -u "$WANT" "$T/got$jobs.json" >"$T/diff$jobs"; then
		FQ_LAST=""
		fail "the report differs from the golden file:"
		head -80 "$T/diff$jobs" >&2
	fi
done
jqt '.stats.parsed_files > 0 and .stats.parsed_files < .stats.files' "$T/got1.json" \
	"files with no trigger word are not parsed"
no_key_in "$T/got1.json"
finish
