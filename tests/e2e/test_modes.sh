#!/usr/bin/env bash
# Scan modes (SPEC §1, §2): working tree, --staged, --history, --since, --rev,
# .gitignore, a plain directory and a bare repository.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkkey KW live modes-worktree
mkkey KS live modes-staged
mkkey KOLD live modes-old
mkkey KHEAD live modes-head
mkkey KBEFORE live modes-before
mkkey KAFTER live modes-after
mkkey KTAG live modes-tag
mkkey KIGN live modes-ignored
mkkey KUNTR live modes-untracked
mkkey KPLAIN live modes-plain
mkkey KDIRTYOLD live modes-dirty-old
mkkey KDIRTYNEW live modes-dirty-new
mkkey KCRLF live modes-crlf


# ---------------------------------------------------------------- worktree
case_ "worktree: key in a committed file"
R=$T/wt
newrepo "$R"
mkdir -p "$R/src"
printf 'const client = new Client("%s");\n' "$KW" >"$R/src/app.js"
commit "$R" "app"
fq wt scan --format json "$R"
expect_rc 1
jqt '.target.mode == "worktree"'
expect_n 1 "$(has "$KW") and .rule_id == \"FQ001\" and .path == \"src/app.js\" and .line == 1"
jqt '[.findings[] | select(.rule_id == "FQ001")][0] | .severity == "critical" and (.commit == null)'

# ----------------------------------------------------------------- staged
case_ "staged: key only in the index"
R=$T/staged
newrepo "$R"
printf 'hello\n' >"$R/README.md"
commit "$R" "init"
printf 'KEY = "%s"\n' "$KS" >"$R/settings.py"
g -C "$R" add settings.py
printf 'KEY = os.environ["FOURQ_API_KEY"]\n' >"$R/settings.py"
fq staged scan --staged --format json "$R"
expect_rc 1
jqt '.target.mode == "staged"'
expect_n 1 "$(has "$KS") and .rule_id == \"FQ001\" and .path == \"settings.py\""
case_ "staged: the worktree no longer holds the staged key"
fq staged-wt scan --format json "$R"
expect_rc 0
expect_n 0 "$(has "$KS")"

# ---------------------------------------------------------------- history
case_ "history: deleted key is one FQ002 with introduced_in"
R=$T/hist
newrepo "$R"
mkdir -p "$R/src" "$R/config"
printf 'const k = process.env.FOURQ_API_KEY;\nconst head = "%s";\n' "$KHEAD" >"$R/src/now.js"
printf '# project\n' >"$R/README.md"
commit "$R" "c1 init"
C_FIRST=$FQ_HEAD
printf 'const k = "%s";\n' "$KOLD" >"$R/src/old.js"
commit "$R" "c2 add key"
C_INTRO=$FQ_HEAD
T_INTRO=$FQ_HEAD_TIME
printf '// v2\nconst k = "%s";\n' "$KOLD" >"$R/src/old.js"
printf 'key: %s\n' "$KOLD" >"$R/config/a.txt"
commit "$R" "c3 copy key"
printf '// v3\nconst k = "%s";\nmodule.exports = k;\n' "$KOLD" >"$R/src/old.js"
printf 'name: a\nkey: %s\n' "$KOLD" >"$R/config/a.txt"
printf 'other: %s\n' "$KOLD" >"$R/config/b.txt"
commit "$R" "c4 more copies"
g -C "$R" rm -q src/old.js config/a.txt config/b.txt
commit "$R" "c5 remove key"
C_HEAD=$FQ_HEAD

fq hist scan --history --format json "$R"
expect_rc 1
cp "$OUT" "$T/hist-worktree.json"
jqt '.target.mode == "history"'
expect_n 1 "$(has "$KOLD") and .rule_id == \"FQ002\"" "$OUT" "one FQ002 per key, whatever the copies"
expect_n 0 "$(has "$KOLD") and .rule_id == \"FQ001\"" "$OUT" "a key gone from HEAD is not FQ001"
jqt "[.findings[] | select($(has "$KOLD") and .rule_id == \"FQ002\")][0] | .introduced_in == \"$C_INTRO\"" "$OUT" "introduced_in is the first commit that added it"
jqt "[.findings[] | select($(has "$KOLD") and .rule_id == \"FQ002\")][0] | (.author_time | type) as \$t | (\$t == \"number\" and .author_time > 0) or (\$t == \"string\" and (.author_time | length) > 0)" "$OUT" "author_time present"
jqt "[.findings[] | select($(has "$KOLD") and .rule_id == \"FQ002\")][0] | (.commit | type) == \"string\" and (.commit | length) == 40" "$OUT" "commit is a full object id"
jqt "[.findings[] | select($(has "$KOLD") and .rule_id == \"FQ002\")][0] | .severity == \"critical\""
jqt '.stats.commits == 5'

case_ "history: a key still at HEAD is FQ001, not FQ002"
expect_n 0 "$(has "$KHEAD") and .rule_id == \"FQ002\""
expect_n 1 "$(has "$KHEAD") and .rule_id == \"FQ001\" and .path == \"src/now.js\""

case_ "history: author_time is the author time of the finding's commit"
AT=$(jqv "[.findings[] | select($(has "$KOLD") and .rule_id == \"FQ002\")][0].author_time")
FC=$(jqv "[.findings[] | select($(has "$KOLD") and .rule_id == \"FQ002\")][0].commit")
WANT=$(g -C "$R" log -1 --format=%at "$FC")
if [[ "$AT" =~ ^[0-9]+$ ]]; then
	[ "$AT" -eq "$WANT" ] || fail "author_time $AT is not the author time ($WANT) of commit $FC"
else
	[ "$(date -u -d "$AT" +%s 2>/dev/null)" = "$WANT" ] || fail "author_time '$AT' is not the author time ($WANT) of commit $FC"
fi
[ "$T_INTRO" -gt 0 ]

case_ "history: HEAD's blobs (read from the working tree) keep the commit that brought them"
jqt "[.findings[] | select($(has "$KHEAD") and .rule_id == \"FQ001\")][0] | .commit == \"$C_FIRST\" and .introduced_in == \"$C_FIRST\""

case_ "history: HEAD's blobs, not the working tree's edits"
# The index and HEAD agree on both files; the working tree does not: an
# unstaged edit (a new key) and a line-ending change.  History is the blobs.
R=$T/hist-dirty
newrepo "$R"
printf 'const k = "%s";\n' "$KDIRTYOLD" >"$R/app.js"
printf 'const a = 1;\nconst k = "%s";\n' "$KCRLF" >"$R/crlf.js"
commit "$R" "c1"
C_DIRTY=$FQ_HEAD
printf 'const k = "%s";\n' "$KDIRTYNEW" >"$R/app.js"
printf 'const a = 1;\r\n\r\n\r\nconst k = "%s";\r\n' "$KCRLF" >"$R/crlf.js"
fq hist-dirty scan --history --format json "$R"
expect_rc 1
expect_n 1 "$(has "$KDIRTYOLD") and .rule_id == \"FQ001\" and .path == \"app.js\" and .commit == \"$C_DIRTY\""
expect_n 0 "$(has "$KDIRTYNEW")" "$OUT" "an unstaged edit is not in the history"
expect_n 1 "$(has "$KCRLF") and .path == \"crlf.js\" and .line == 2" "$OUT" "the blob's line, not the working tree's"
fq hist-dirty-wt scan --format json "$R"
expect_n 1 "$(has "$KDIRTYNEW")" "$OUT" "the working-tree mode sees the edit"

# ------------------------------------------------------------------ since
case_ "since: key added in REV..HEAD is found, older key is not"
R=$T/since
newrepo "$R"
printf 'k = "%s"\n' "$KBEFORE" >"$R/before.py"
commit "$R" "before"
printf 'docs\n' >"$R/README.md"
commit "$R" "base"
BASE=$FQ_HEAD
printf 'k = "%s"\n' "$KAFTER" >"$R/after.py"
commit "$R" "after"
fq since scan --since "$BASE" --format json "$R"
expect_rc 1
jqt '.target.mode == "since"'
expect_n 1 "$(has "$KAFTER") and (.rule_id == \"FQ001\") and .path == \"after.py\""
expect_n 0 "$(has "$KBEFORE")" "$OUT" "key added before REV"
case_ "since: HEAD..HEAD has nothing to scan"
fq since-empty scan --since HEAD --format json "$R"
expect_rc 0
expect_n 0 'true'

# -------------------------------------------------------------------- rev
case_ "rev: a tag's tree is scanned"
R=$T/rev
newrepo "$R"
printf 'export const KEY = "%s";\n' "$KTAG" >"$R/release.ts"
commit "$R" "release"
g -C "$R" tag -a v1.0 -m "v1.0"
printf 'export const KEY = process.env.FOURQ_API_KEY;\n' >"$R/release.ts"
commit "$R" "fix"
fq rev scan --rev v1.0 --format json "$R"
expect_rc 1
jqt '.target.mode == "rev" and .target.rev == "v1.0"'
expect_n 1 "$(has "$KTAG") and .rule_id == \"FQ001\" and .path == \"release.ts\""
case_ "rev: the working tree no longer holds the tag's key"
fq rev-wt scan --format json "$R"
expect_rc 0
expect_n 0 "$(has "$KTAG")"
case_ "rev: a bad revision is a usage/scan error, not a pass"
fq rev-bad scan --rev no-such-tag --format json "$R"
[ "$FQ_RC" -eq 2 ] || [ "$FQ_RC" -eq 3 ] || fail "exit code: expected 2 or 3 for an unknown revision, got $FQ_RC"
[ -s "$ERR" ] || fail "no message on stderr for an unknown revision"

# ------------------------------------------------------------- gitignore
case_ "worktree: .gitignore'd files are not scanned, untracked ones are"
R=$T/ign
newrepo "$R"
printf 'secrets/\n*.log\n' >"$R/.gitignore"
printf 'ok\n' >"$R/README.md"
commit "$R" "init"
mkdir -p "$R/secrets"
printf 'FOURQ=%s\n' "$KIGN" >"$R/secrets/key.txt"
printf 'debug %s\n' "$KIGN" >"$R/debug.log"
printf 'k = "%s"\n' "$KUNTR" >"$R/new.py"
fq ign scan --format json "$R"
expect_rc 1
expect_n 0 "$(has "$KIGN")" "$OUT" "ignored files"
jqt '[.findings[].path] | map(select(startswith("secrets/") or . == "debug.log")) | length == 0'
expect_n 1 "$(has "$KUNTR") and .path == \"new.py\"" "$OUT" "an untracked, not ignored file is part of the working tree"

# ------------------------------------------------------------- plain dir
case_ "plain directory: scanned as plain files"
P=$T/plain
mkdir -p "$P/sub dir"
printf 'api_key: %s\n' "$KPLAIN" >"$P/sub dir/conf.yml"
fq plain scan --format json "$P"
expect_rc 1
expect_n 1 "$(has "$KPLAIN") and .rule_id == \"FQ001\" and .path == \"sub dir/conf.yml\""

# ------------------------------------------------------------------- bare
case_ "bare: --history works on a bare clone"
B=$T/hist.git
g clone -q --bare "$T/hist" "$B"
fq bare-hist scan --history --format json "$B"
expect_rc 1
expect_n 1 "$(has "$KOLD") and .rule_id == \"FQ002\""
jqt "[.findings[] | select($(has "$KOLD") and .rule_id == \"FQ002\")][0] | .introduced_in == \"$C_INTRO\""
expect_n 1 "$(has "$KHEAD") and .rule_id == \"FQ001\""
case_ "bare: the same history findings as with the working tree"
jq -S '.findings' "$OUT" >"$T/hist-bare.findings"
jq -S '.findings' "$T/hist-worktree.json" >"$T/hist-wt.findings"
cmp -s "$T/hist-bare.findings" "$T/hist-wt.findings" ||
	fail "--history on the bare clone and on the working tree differ: $(diff "$T/hist-bare.findings" "$T/hist-wt.findings" | head -5 | scrubbed)"
case_ "bare: --rev works on a bare clone"
fq bare-rev scan --rev "$C_INTRO" --format json "$B"
expect_rc 1
expect_n 1 "$(has "$KOLD") and .rule_id == \"FQ001\" and .path == \"src/old.js\""
case_ "bare: --since works on a bare clone"
fq bare-since scan --since "$C_INTRO" --format json "$B"
expect_rc 1
jqt '.target.mode == "since"'
case_ "bare: the working-tree mode exits 3 and says why"
fq bare-wt scan --format json "$B"
expect_rc 3
grep -qi 'bare' "$ERR" || fail "stderr does not say the repository is bare"

finish
