#!/usr/bin/env bash
# Time per parsed MB, language by language: the files of one language that
# fourq-scan parses in the benchmark repository (a trigger word or a key, as
# bench/exp/parseonly.c selects them) are committed to a repository of their
# own and scanned with one thread; so is the first of them alone.  The
# difference of the median times over the difference of sizes is the
# language's cost per parsed MB: text rules, parsing and the code rules,
# without the start-up and the per-language query compilation that one file
# already pays.
#
#   bench/per_language.sh BUILD_DIR REPO [RUNS]
#
# BUILD_DIR is a Release build (libfourq_core.a, libfq_grammars.a,
# fourq-scan); REPO a generated benchmark repository (bench/gen.py).  Prints
# one Markdown table row per language, with the ratio to JavaScript.
set -euo pipefail
build=$(cd "${1:?BUILD_DIR}" && pwd -P)
repo=$(cd "${2:?REPO}" && pwd -P)
runs=${3:-7}
root=$(cd "$(dirname "$0")/.." && pwd -P)
work=$(mktemp -d "${TMPDIR:-/tmp}/fq-perlang.XXXXXX")
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "per_language.sh: hyperfine is required" >&2; exit 2; }

po=$work/parseonly
# shellcheck disable=SC2046 # pkg-config prints words
cc -O2 -I"$root" "$root/bench/exp/parseonly.c" -o "$po" "$build/libfourq_core.a" "$build/libfq_grammars.a" \
	$(pkg-config --libs libgit2 libpcre2-8 tree-sitter jansson yaml-0.1 libcrypto) -lpthread -lm
git -C "$repo" ls-files | sed "s|^|$repo/|" | "$po" select > "$work/parsed.txt"

export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
echo "| language | files | MB | median ms (all) | median ms (one file) | ms per MB | ÷ JavaScript |"
echo "|---|---:|---:|---:|---:|---:|---:|"
js=""
for lang in js:JavaScript ts:TypeScript tsx:TSX py:Python go:Go java:Java kt:Kotlin cs:C# rb:Ruby php:PHP; do
	ext=${lang%%:*} name=${lang#*:}
	d=$work/$ext
	mkdir -p "$d"
	n=0
	while IFS= read -r f; do
		case $f in
		*."$ext")
			rel=${f#"$repo"/}
			mkdir -p "$d/$(dirname "$rel")"
			cp "$f" "$d/$rel"
			n=$((n + 1)) ;;
		esac
	done < "$work/parsed.txt"
	[ "$n" -gt 1 ] || { echo "| $name | $n | | | | | |"; continue; }
	one=$work/$ext-one
	first=$(cd "$d" && find . -type f | sort | head -1)
	mkdir -p "$one/$(dirname "$first")"
	cp "$d/$first" "$one/$first"
	for r in "$d" "$one"; do
		git -C "$r" init -q
		git -C "$r" add -A
		git -C "$r" -c user.name=b -c user.email=b@b commit -qm "$ext"
	done
	bytes=$(cd "$d" && find . -type f -not -path './.git/*' -print0 | xargs -0 cat | wc -c)
	bytes1=$(wc -c < "$one/$first")
	hyperfine --style none --warmup 2 --runs "$runs" --export-json "$work/$ext.json" \
		"$build/fourq-scan scan $d --format json --no-progress --fail-on none --jobs 1" \
		"$build/fourq-scan scan $one --format json --no-progress --fail-on none --jobs 1" >/dev/null 2>&1
	read -r ms ms1 permb < <(python3 - "$work/$ext.json" "$bytes" "$bytes1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
a, b = r[0]["median"] * 1000, r[1]["median"] * 1000
print("%.1f %.1f %.0f" % (a, b, (a - b) / ((int(sys.argv[2]) - int(sys.argv[3])) / 1e6)))
PY
)
	[ -n "$js" ] || js=$permb
	ratio=$(python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$permb" "$js")
	printf '| %s | %d | %.2f | %s | %s | %s | %s× |\n' "$name" "$n" \
		"$(python3 -c 'import sys; print(int(sys.argv[1]) / 1e6)' "$bytes")" "$ms" "$ms1" "$permb" "$ratio"
done
