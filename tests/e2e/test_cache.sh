#!/usr/bin/env bash
# The result cache (SPEC §1 --cache): a second scan reads what it found in
# each blob instead of analysing it again, and its report is byte-for-byte
# a cold run's, in every mode, after a change, with another configuration
# or option; a corrupt or foreign database is a note and a cold run, never
# a wrong report; --no-cache writes nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkkey KA live cache-a
mkkey KB test cache-b
mkkey KC live cache-c
R=$T/repo
newrepo "$R"
mkdir -p "$R/src" "$R/deploy/prod" "$R/app"
cat >"$R/src/seal.js" <<JS
import { FourQ } from "@4quays/sdk";
const fourq = new FourQ({ apiKey: "$KA" });
export async function seal(payload) {
  console.log("sealing", payload);
  return fourq.protect(payload, "BANK-TRANSFER-DEV-001");
}
JS
printf 'FOURQ_API_KEY=%s\n' "$KB" >"$R/deploy/prod/.env"
printf 'import logging\nfrom fourq import Client\nc = Client()\ndef f(p):\n    logging.info("p %%s", p)\n    return c.protect(p, "BANK-TRANSFER-PROD-001")\n' >"$R/app/svc.py"
python3 -c 'import base64,sys; print("k: " + base64.b64encode(sys.argv[1].encode()).decode())' "$KC" >"$R/deploy/b64.txt"
commit "$R" "one"
printf 'console.log("two");\n' >"$R/src/two.js"
commit "$R" "two"

norm() { jq -S 'del(.stats.elapsed_ms)' "$1"; }
same() { # same A B WHAT: the two reports are equal but for elapsed_ms
	if ! diff <(norm "$1") <(norm "$2") >"$T/diff"; then
		fail "$3: the reports differ: $(head -c 600 "$T/diff")"
	fi
}
C=$T/cache
for mode in worktree staged "rev HEAD" "since HEAD~1" history; do
	set -- $mode
	args=()
	[ "$1" = worktree ] || args=("--$1" ${2:+"$2"})
	case_ "--$1: cold, first cached and second cached runs give one report"
	fq "nc-$1" scan "${args[@]}" --no-cache --format json "$R"
	fq "c1-$1" scan "${args[@]}" --cache "$C" --format json "$R"
	fq "c2-$1" scan "${args[@]}" --cache "$C" --format json "$R"
	same "$T/out/nc-$1.out" "$T/out/c1-$1.out" "--$1 cold vs first cached"
	same "$T/out/nc-$1.out" "$T/out/c2-$1.out" "--$1 cold vs second cached"
	no_key_in "$T/out/c2-$1.out"
done
[ -s "$C/cache.sqlite" ] || fail "no cache database in --cache DIR"

case_ "audit: cached and cold agree"
fq a-nc audit --no-cache --format json "$R"
fq a-c1 audit --cache "$C" --format json "$R"
fq a-c2 audit --cache "$C" --format json "$R"
same "$T/out/a-nc.out" "$T/out/a-c2.out" "audit"

case_ "a changed file, a new file, a new configuration: the cached run is the cold run"
printf 'FOURQ_API_KEY=%s\n' "$KA" >"$R/deploy/prod/.env"
printf 'const k = "%s";\n' "$KC" >"$R/src/new.js"
fq ch-nc scan --no-cache --format json "$R"
fq ch-c scan --cache "$C" --format json "$R"
same "$T/out/ch-nc.out" "$T/out/ch-c.out" "after a change"
printf 'environments:\n  "src/**": development\n' >"$R/.fourq-scan.yml"
fq cf-nc scan --no-cache --format json "$R"
fq cf-c scan --cache "$C" --format json "$R"
same "$T/out/cf-nc.out" "$T/out/cf-c.out" "with a new configuration"
[ "$(jq '[.findings[] | select(.rule_id == "FQ004" and .path == "src/seal.js")] | length' "$T/out/cf-c.out")" = 1 ] &&
[ "$(jq '[.findings[] | select(.rule_id == "FQ004" and .path == "src/seal.js")] | length' "$T/out/ch-c.out")" = 0 ] ||
	fail "the configuration's environments did not change the cached FQ004 findings"
rm "$R/.fourq-scan.yml"
fq ph-nc scan --include-placeholders --no-cache --format json "$R"
fq ph-c scan --include-placeholders --cache "$C" --format json "$R"
same "$T/out/ph-nc.out" "$T/out/ph-c.out" "--include-placeholders"
fq sg-nc scan --scan-generated --no-cache --format json "$R"
fq sg-c scan --scan-generated --cache "$C" --format json "$R"
same "$T/out/sg-nc.out" "$T/out/sg-c.out" "--scan-generated"

case_ "the default folder is \$XDG_CACHE_HOME/fourq-scan; --no-cache writes nothing"
rm -rf "$XDG_CACHE_HOME"
fq d1 scan --format json "$R"
[ -s "$XDG_CACHE_HOME/fourq-scan/cache.sqlite" ] || fail "no cache in the default folder"
rm -rf "$XDG_CACHE_HOME"
fq d2 scan --no-cache --format json "$R"
[ ! -e "$XDG_CACHE_HOME" ] || fail "--no-cache created $XDG_CACHE_HOME"

case_ "a file that is not a database: a note and a cold run, the file left alone"
B=$T/bad
mkdir -p "$B"
head -c 20000 /dev/urandom >"$B/cache.sqlite"
sum=$(sha256sum <"$B/cache.sqlite")
fq bad scan --cache "$B" --format json "$R"
jqt '[.errors[] | select(.message | test("result cache not used"))] | length == 1'
same <(jq 'del(.errors)' "$T/out/ch-nc.out") <(jq 'del(.errors)' "$OUT") "a garbage cache file"
[ "$(sha256sum <"$B/cache.sqlite")" = "$sum" ] || fail "the garbage file was written"

case_ "another program's SQLite database: a note, not read, not written"
F=$T/foreign
mkdir -p "$F"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("create table t(x)"); c.execute("insert into t values (1)"); c.commit()' "$F/cache.sqlite"
sum=$(sha256sum <"$F/cache.sqlite")
fq foreign scan --cache "$F" --format json "$R"
jqt '[.errors[] | select(.message | test("another program"))] | length == 1'
[ "$(sha256sum <"$F/cache.sqlite")" = "$sum" ] || fail "the foreign database was written"

case_ "a cache whose rows were damaged: never a wrong report"
D=$T/damaged
fq dmg0 scan --cache "$D" --format json "$R"
python3 - "$D/cache.sqlite" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("update blob_results set v = substr(v, 1, length(v) / 2)")
c.commit()
PY
fq dmg1 scan --cache "$D" --format json "$R"
same "$T/out/ch-nc.out" "$OUT" "rows cut in half"
python3 - "$D/cache.sqlite" <<'PY'
import sys
# garbage over the middle of the file: SQLite's pages, not our rows
with open(sys.argv[1], "r+b") as f:
    f.seek(0, 2)
    n = f.tell()
    f.seek(n // 2)
    f.write(b"\xde\xad\xbe\xef" * 2048)
PY
fq dmg2 scan --cache "$D" --format json "$R"
[ "$FQ_RC" -le 1 ] || fail "a corrupt cache made the scan exit $FQ_RC"
same <(jq 'del(.errors)' "$T/out/ch-nc.out") <(jq 'del(.errors)' "$OUT") "a corrupt database file"

case_ "rows of another build are dropped, not kept forever"
python3 - "$C/cache.sqlite" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("insert or replace into meta(key, value) values ('catalogue', 'another-build')")
c.execute("insert or replace into blob_results(k, v) values (x'00', 'stale')")
c.commit()
PY
fq ob scan --cache "$C" --format json "$R"
same "$T/out/ch-nc.out" "$OUT" "after another build's rows"
python3 - "$C/cache.sqlite" <<'PY' || fail "another build's rows or catalogue are still there"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
stale = c.execute("select count(*) from blob_results where k = x'00'").fetchone()[0]
cat = c.execute("select value from meta where key = 'catalogue'").fetchone()[0]
rows = c.execute("select count(*) from blob_results").fetchone()[0]
sys.exit(0 if stale == 0 and cat != 'another-build' and len(cat) == 64 and rows > 0 else 1)
PY

case_ "two scans at once share the cache"
rm -rf "$T/shared"
"$FQ_BIN" scan --cache "$T/shared" --history --format json "$R" >"$T/p1.json" 2>/dev/null &
p1=$!
"$FQ_BIN" scan --cache "$T/shared" --format json "$R" >"$T/p2.json" 2>/dev/null &
p2=$!
wait $p1 || true
wait $p2 || true
fq sh-h scan --cache "$T/shared" --history --format json "$R"
fq sh-h-nc scan --no-cache --history --format json "$R"
same "$T/out/sh-h-nc.out" "$T/p1.json" "a concurrent history scan"
same "$T/out/sh-h-nc.out" "$T/out/sh-h.out" "history after concurrent scans"
same "$T/out/ch-nc.out" "$T/p2.json" "a concurrent worktree scan"

case_ "one history listing a repository, however often its refs move; an old schema is rebuilt"
L=$T/lcache
rm -rf "$L"
fq l1 scan --cache "$L" --history --format json "$R"
printf 'export const n = 1;\n' >"$R/src/n1.js"
commit "$R" "n1"
fq l2 scan --cache "$L" --history --format json "$R"
g -C "$R" tag v-listing
fq l3 scan --cache "$L" --history --format json "$R"
fq l3-nc scan --no-cache --history --format json "$R"
same "$T/out/l3-nc.out" "$T/out/l3.out" "history after refs moved"
B=$T/bare-listing.git
g clone -q --bare "$R" "$B"
fq lb scan --cache "$L" --history --format json "$B"
python3 - "$L/cache.sqlite" <<'PY' || fail "listings of refs that moved are kept"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
n = c.execute("select count(*) from listings").fetchone()[0]
repos = c.execute("select count(distinct repo) from listings").fetchone()[0]
sys.exit(0 if n == 2 and repos == 2 else 1)
PY
fq l4 scan --cache "$L" --history --format json "$R"
same "$T/out/l3-nc.out" "$OUT" "a kept listing"
# a database of schema 2 (listings without their repository) is rebuilt
python3 - "$L/cache.sqlite" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("drop table listings")
c.execute("create table listings(k blob primary key, v blob not null) without rowid")
c.execute("insert into listings values (x'01', x'02')")
c.execute("pragma user_version=2")
c.commit()
PY
fq l5 scan --cache "$L" --history --format json "$R"
same "$T/out/l3-nc.out" "$OUT" "after an old schema"
python3 - "$L/cache.sqlite" <<'PY' || fail "the old schema's listings table is still there"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
cols = [r[1] for r in c.execute("pragma table_info(listings)")]
ver = c.execute("pragma user_version").fetchone()[0]
n = c.execute("select count(*) from listings").fetchone()[0]
sys.exit(0 if "repo" in cols and ver == 3 and n == 1 else 1)
PY

finish
