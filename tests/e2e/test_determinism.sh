#!/usr/bin/env bash
# Determinism (README "Reports are deterministic"): the same findings in the
# same order whatever --jobs is and from one run to the next; only
# stats.elapsed_ms in JSON may vary.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

R=$T/repo
newrepo "$R"

# ~200 files in 20 directories, keys in about a third of them, some keys
# shared by several files, a few environment contexts and suppressions.
KEYS=()
HKEYS=()
for i in $(seq 0 29); do
	case $((i % 3)) in
	0) mkkey k live "det-$i" ;;
	1) mkkey k test "det-$i" ;;
	2) mkkey k admin "det-$i" 28 ;;
	esac
	KEYS+=("$k")
done
dirs=(src lib app config docs scripts tests deploy/staging deploy/prod k8s/overlays/dev
	web/static api/v1 api/v2 tools notebooks infra/terraform services/pay services/auth vendor/x misc)
n=0
for d in "${dirs[@]}"; do
	mkdir -p "$R/$d"
	for j in $(seq 0 9); do
		n=$((n + 1))
		case $((j % 5)) in
		0) f="$R/$d/file$j.js" ;;
		1) f="$R/$d/file$j.py" ;;
		2) f="$R/$d/file$j.yaml" ;;
		3) f="$R/$d/file$j.md" ;;
		4) f="$R/$d/file$j.json" ;;
		esac
		{
			printf 'line one of %s\n' "$d/$j"
			for l in $(seq 1 $(((n * 7) % 13 + 2))); do printf 'filler %d %d\n' "$n" "$l"; done
			if [ $((n % 3)) -eq 0 ]; then
				printf 'key = "%s"\n' "${KEYS[$((n % 30))]}"
			fi
			if [ $((n % 7)) -eq 0 ]; then
				printf 'a = "%s", b = "%s"\n' "${KEYS[$(((n + 1) % 30))]}" "${KEYS[$(((n + 11) % 30))]}"
			fi
			if [ $((n % 17)) -eq 0 ]; then
				printf '# fourq-scan:ignore FQ001\nsuppressed = "%s"\n' "${KEYS[$(((n + 5) % 30))]}"
			fi
			printf 'last line\n'
		} >"$f"
	done
done
printf 'FOURQ_API_KEY=%s\n' "${KEYS[0]}" >"$R/.env.staging"
printf 'FOURQ_API_KEY=%s\n' "${KEYS[1]}" >"$R/.env.production"
commit "$R" "c1"
# history: keys that come and go over a few commits (and one on a side branch)
for c in 2 3 4 5 6 7; do
	mkkey k live "det-history-$c"
	HKEYS+=("$k")
done
for c in 2 3 4 5 6; do
	printf 'old = "%s"\n' "${HKEYS[$((c - 2))]}" >"$R/misc/history$c.py"
	[ "$c" -gt 2 ] && rm -f "$R/misc/history$((c - 1)).py"
	sed -i "s/^last line\$/last line $c/" "$R/src/file0.js"
	commit "$R" "c$c"
done
g -C "$R" tag v1
git -C "$R" checkout -q -b side HEAD~2
printf 'side = "%s"\n' "${HKEYS[5]}" >"$R/misc/side.py"
commit "$R" "side"
git -C "$R" checkout -q main

# norm FILE: the report without what may vary (elapsed_ms in JSON).
normjson() { jq -S 'del(.stats.elapsed_ms)' "$1"; }

# same NAME A B: files A and B are byte-identical.
same() {
	if ! cmp -s "$2" "$3"; then
		FQ_LAST=""
		diff "$2" "$3" | scrubbed | head -20 >&2 || true
		fail "$1: $(basename "$2") and $(basename "$3") differ"
	fi
}

for mode in worktree history; do
	margs=()
	[ "$mode" = history ] && margs=(--history)
	for run in j1 j2 j2b j8; do
		case $run in
		j1) jobs=1 ;; j2 | j2b) jobs=2 ;; j8) jobs=8 ;;
		esac
		case_ "$mode: --jobs $jobs ($run)"
		fq "$mode-$run" scan "${margs[@]}" --format json --jobs "$jobs" \
			--report sarif="$T/out/$mode-$run.sarif" --report junit="$T/out/$mode-$run.xml" \
			--report text="$T/out/$mode-$run.txt" "$R"
		expect_rc 1
		normjson "$OUT" >"$T/out/$mode-$run.json"
		# the raw JSON too, apart from the elapsed_ms line
		grep -v '"elapsed_ms"' "$OUT" >"$T/out/$mode-$run.rawjson"
		# JUnit's time attributes are durations: not compared
		sed -E 's/ time="[0-9.]+"//g' "$T/out/$mode-$run.xml" >"$T/out/$mode-$run.junit"
	done
	case_ "$mode: SARIF on stdout is the same as with --report"
	fq "$mode-stdout-sarif" scan "${margs[@]}" --format sarif --jobs 2 "$R"
	same "$mode SARIF stdout" "$T/out/$mode-j1.sarif" "$OUT"
	for run in j2 j2b j8; do
		case_ "$mode: --jobs 1 and $run give the same reports"
		same "$mode JSON" "$T/out/$mode-j1.json" "$T/out/$mode-$run.json"
		same "$mode raw JSON" "$T/out/$mode-j1.rawjson" "$T/out/$mode-$run.rawjson"
		same "$mode SARIF" "$T/out/$mode-j1.sarif" "$T/out/$mode-$run.sarif"
		same "$mode JUnit (without time=)" "$T/out/$mode-j1.junit" "$T/out/$mode-$run.junit"
		same "$mode text" "$T/out/$mode-j1.txt" "$T/out/$mode-$run.txt"
	done
	case_ "$mode: the scan finds many keys"
	jqt '(.findings | length) >= 40' "$T/out/$mode-j1.json"
	if [ "$mode" = history ]; then
		jqt '[.findings[] | select(.rule_id == "FQ002")] | length == 5' "$T/out/$mode-j1.json" "four deleted keys and one on a side branch"
	fi
done

case_ "the same findings from --rev v1 and --since across runs"
fq rev1 scan --rev v1 --format json --jobs 1 "$R"
normjson "$OUT" >"$T/out/rev1.json"
fq rev2 scan --rev v1 --format json --jobs 2 "$R"
normjson "$OUT" >"$T/out/rev2.json"
same "rev JSON" "$T/out/rev1.json" "$T/out/rev2.json"
fq since1 scan --since HEAD~4 --format sarif --jobs 1 "$R"
cp "$OUT" "$T/out/since1.sarif"
fq since2 scan --since HEAD~4 --format sarif --jobs 2 "$R"
same "since SARIF" "$T/out/since1.sarif" "$OUT"

no_key_in "$T"/out/*.json "$T"/out/*.sarif "$T"/out/*.xml "$T"/out/*.txt
finish
