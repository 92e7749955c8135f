#!/usr/bin/env bash
# Keys where real leaks hide (SPEC §3 FQ001, §8): inside archives (a stored
# and a deflated zip, a jar inside a zip, a tar.gz holding .env.production, a
# single gzip file), encoded (a Kubernetes Secret, a base64-encoded .env, a
# URL-encoded DSN, \u005f-escaped JSON), split over string literals (JavaScript
# and Python) and in a binary file after a NUL: each found once, redacted, at
# its member path and line, in the working tree and in --history.  Hostile
# archives (a zip bomb, four levels of nesting, an encrypted member, a corrupt
# zip, a member named ../../...) each leave a note, never a crash or a file
# on disk.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkkey KSTORED live hidden-stored
mkkey KDEFL live hidden-deflated
mkkey KJAR test hidden-jar
mkkey KTGZ live hidden-tgz
mkkey KGZ admin hidden-gz
mkkey KK8S live hidden-k8s
mkkey KENV64 live hidden-env64
mkkey KDSN live hidden-dsn
mkkey KUNI test hidden-unicode
mkkey KSPLITJS live hidden-split-js
mkkey KSPLITPY live hidden-split-py
mkkey KNUL live hidden-nul
mkkey KDEEP live hidden-deep
mkkey KENC live hidden-encrypted
mkkey KDOT live hidden-dotdot
export KSTORED KDEFL KJAR KTGZ KGZ KK8S KENV64 KDSN KUNI KSPLITJS KSPLITPY KNUL KDEEP KENC KDOT

R=$T/repo
newrepo "$R"
python3 - "$R" <<'PY'
import base64, gzip, io, os, sys, tarfile, zipfile
d = sys.argv[1]
e = os.environ
os.makedirs(d + '/dist', exist_ok=True)
os.makedirs(d + '/backup', exist_ok=True)
os.makedirs(d + '/deploy/k8s', exist_ok=True)
os.makedirs(d + '/src', exist_ok=True)
os.makedirs(d + '/app', exist_ok=True)
os.makedirs(d + '/evil', exist_ok=True)

def zip_bytes(members, method=zipfile.ZIP_DEFLATED):
    b = io.BytesIO()
    with zipfile.ZipFile(b, 'w', method) as z:
        for name, data in members:
            z.writestr(name, data)
    return b.getvalue()

# stored and deflated zips of a sample app
open(d + '/dist/sample-stored.zip', 'wb').write(zip_bytes(
    [('README.md', '# sample\n'), ('src/server.js', 'const fourq = new FourQ({\n  apiKey: "%s",\n});\n' % e['KSTORED'])],
    zipfile.ZIP_STORED))
open(d + '/dist/sample-deflated.zip', 'wb').write(zip_bytes(
    [('src/config.py', 'DEBUG = False\nFOURQ_API_KEY = "%s"\n' % e['KDEFL'])]))
# a jar inside a zip
jar = zip_bytes([('META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\n'),
                 ('application.properties', 'server.port=8080\nfourq.api-key=%s\n' % e['KJAR'])])
open(d + '/dist/release.zip', 'wb').write(zip_bytes([('lib/app.jar', jar)]))
# a tar.gz config backup holding .env.production
tb = io.BytesIO()
with tarfile.open(fileobj=tb, mode='w:gz') as t:
    data = ('NODE_ENV=production\nFOURQ_API_KEY=%s\n' % e['KTGZ']).encode()
    info = tarfile.TarInfo('config/.env.production')
    info.size = len(data)
    t.addfile(info, io.BytesIO(data))
open(d + '/backup/config-2026-11.tar.gz', 'wb').write(tb.getvalue())
# a single gzip-compressed file
open(d + '/backup/admin.env.gz', 'wb').write(gzip.compress(('FOURQ_ADMIN_KEY=%s\n' % e['KGZ']).encode(), mtime=0))
# a Kubernetes Secret
open(d + '/deploy/k8s/secret.yaml', 'w').write(
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: fourq\ntype: Opaque\ndata:\n'
    '  FOURQ_API_KEY: %s\n' % base64.b64encode(e['KK8S'].encode()).decode())
# a base64-encoded .env in a CI variable file
env = 'LOG_LEVEL=info\nPORT=8080\nFOURQ_API_KEY=%s\n' % e['KENV64']
open(d + '/deploy/ci-vars.txt', 'w').write('ENV_FILE=%s\n' % base64.b64encode(env.encode()).decode())
# a URL-encoded DSN
open(d + '/deploy/dsn.txt', 'w').write(
    'FOURQ_DSN=https://svc:%s@api.4quays.example/v1\n' % e['KDSN'].replace('_', '%5F'))
# \u005f escapes in JSON
open(d + '/app/settings.json', 'w').write(
    '{\n  "region": "eu",\n  "apiKey": "%s"\n}\n' % e['KUNI'].replace('_', '\\u005f'))
# keys split over string literals
k = e['KSPLITJS']
open(d + '/src/client.js', 'w').write('const key = "%s" +\n  "%s";\nexport default key;\n' % (k[:12], k[12:]))
k = e['KSPLITPY']
open(d + '/app/client.py', 'w').write('API_KEY = (\n    "%s"\n    "%s"\n)\n' % (k[:10], k[10:]))
# a binary file with the key after a NUL
open(d + '/dist/blob.bin', 'wb').write(b'\x7fELF\x02\x01\x00\x00' + b'\x00' * 64 + ('key=%s\n' % e['KNUL']).encode())

# hostile archives
z = io.BytesIO()
with zipfile.ZipFile(z, 'w', zipfile.ZIP_DEFLATED) as zz:
    zz.writestr('zeros.bin', b'\x00' * (64 << 20))
open(d + '/evil/bomb.zip', 'wb').write(z.getvalue())
inner = zip_bytes([('deep.env', 'FOURQ_API_KEY=%s\n' % e['KDEEP'])])
for level in range(3):
    inner = zip_bytes([('level%d.zip' % (4 - level), inner)])
open(d + '/evil/nested4.zip', 'wb').write(inner)
# an encrypted member: the general purpose flag's bit 0 set
enc = bytearray(zip_bytes([('secret.env', 'FOURQ_API_KEY=%s\n' % e['KENC'])]))
enc[6] |= 1
cd = enc.rfind(b'PK\x01\x02')
enc[cd + 8] |= 1
open(d + '/evil/encrypted.zip', 'wb').write(bytes(enc))
good = zip_bytes([('a.txt', 'hello\n' * 2000), ('b.txt', 'world\n' * 2000)])
open(d + '/evil/corrupt.zip', 'wb').write(good[:len(good) // 2] + b'\xde\xad' * 64)
open(d + '/evil/dotdot.zip', 'wb').write(zip_bytes([('../../tmp/fourq-pwned', 'FOURQ_API_KEY=%s\n' % e['KDOT'])]))
PY
commit "$R" "hidden keys"

# every generated key must be reported at these places, once each
want() {
	expect_n 1 "$(has "$KSTORED") and .path == \"dist/sample-stored.zip!src/server.js\" and .line == 2" "$OUT" "stored zip"
	expect_n 1 "$(has "$KDEFL") and .path == \"dist/sample-deflated.zip!src/config.py\" and .line == 2" "$OUT" "deflated zip"
	expect_n 1 "$(has "$KJAR") and .path == \"dist/release.zip!lib/app.jar!application.properties\" and .line == 2" "$OUT" "jar in a zip"
	expect_n 1 "$(has "$KTGZ") and .path == \"backup/config-2026-11.tar.gz!config/.env.production\" and .line == 2" "$OUT" "tar.gz"
	expect_n 1 "$(has "$KGZ") and .path == \"backup/admin.env.gz!admin.env\" and .line == 1" "$OUT" "gzip"
	expect_n 1 "$(has "$KK8S") and .path == \"deploy/k8s/secret.yaml\" and .line == 7 and .encoding == \"base64\"" "$OUT" "Kubernetes Secret"
	expect_n 1 "$(has "$KENV64") and .path == \"deploy/ci-vars.txt\" and .line == 1 and .encoding == \"base64\"" "$OUT" "base64 .env"
	expect_n 1 "$(has "$KDSN") and .path == \"deploy/dsn.txt\" and .encoding == \"url-encoding\"" "$OUT" "URL-encoded DSN"
	expect_n 1 "$(has "$KUNI") and .path == \"app/settings.json\" and .line == 3 and .encoding == \"unicode-escape\"" "$OUT" "\\u005f JSON"
	expect_n 1 "$(has "$KSPLITJS") and .path == \"src/client.js\" and .line == 1" "$OUT" "split literal, JavaScript"
	expect_n 1 "$(has "$KSPLITPY") and .path == \"app/client.py\" and .line == 2" "$OUT" "split literal, Python"
	expect_n 1 "$(has "$KNUL") and .path == \"dist/blob.bin\"" "$OUT" "binary file"
	jqt '[.findings[] | select(.encoding) | .message | test("encoded|escapes")] | all' "$OUT" "encoded findings say how"
	# the hostile archives: notes, and no key from the encrypted member
	jqt '[.errors[] | select(.path | startswith("evil/bomb.zip"))] | length >= 1' "$OUT" "zip bomb note"
	jqt '[.errors[] | select(.path | startswith("evil/nested4.zip"))] | length >= 1' "$OUT" "nesting note"
	jqt '[.errors[] | select(.path | startswith("evil/encrypted.zip")) | select(.message | test("encrypt"))] | length == 1' "$OUT" "encrypted note"
	jqt '[.errors[] | select(.path | startswith("evil/corrupt.zip"))] | length >= 1' "$OUT" "corrupt note"
	jqt '[.errors[] | select(.path | startswith("evil/dotdot.zip"))] | length >= 1' "$OUT" "unsafe name note"
	expect_n 0 "$(has "$KENC")" "$OUT" "a key in an encrypted member"
	jqt '[.findings[] | select(.path | contains("../"))] | length == 0' "$OUT" "no raw .. in a finding path"
	jqt '.stats.archives >= 9 and .stats.binary_files >= 1' "$OUT"
	no_key_in "$OUT" "$ERR"
	# neither the encoded forms nor the split pieces reach any output
	python3 - "$OUT" "$ERR" <<'PY' || fail "an encoded or split key reaches the output"
import base64, os, sys
text = b''.join(open(f, 'rb').read() for f in sys.argv[1:])
e = os.environ
bad = [base64.b64encode(e['KK8S'].encode()), e['KDSN'].replace('_', '%5F').encode(),
       e['KUNI'].replace('_', '\\u005f').encode(), e['KSPLITJS'][12:].encode(), e['KSPLITPY'][10:].encode()]
sys.exit(1 if any(b in text for b in bad) else 0)
PY
}

# the scans run in $T: nothing may appear there, in the repository or at
# the path the ../ member names
before=$(find "$T" -maxdepth 2 2>/dev/null | grep -v "^$T/out" | sort)
case_ "working tree: every hidden key found once, at its member path and line, redacted"
cd "$T"
fq wt scan --format json "$R"
expect_rc 1
want
case_ "--history: the same findings, each archive blob read once"
fq hist scan --history --format json "$R"
expect_rc 1
want
jqt '.stats.blobs == 17 and .stats.archives == 10'
case_ "the text report of the same scan"
fq text scan --format text "$R"
expect_rc 1
grep -q 'dist/release.zip!lib/app.jar!application.properties' "$OUT" || fail "the member path is not in the text report"
no_key_in "$OUT" "$ERR"
case_ "SARIF carries the encoding"
fq sarif scan --format sarif "$R"
jqt '[.runs[0].results[] | select(.properties.encoding == "base64")] | length == 2'
no_key_in "$OUT" "$ERR"

case_ "nothing written to disk: no extracted member anywhere"
[ ! -e /tmp/fourq-pwned ] || fail "a member named ../../tmp/fourq-pwned was written"
after=$(find "$T" -maxdepth 2 2>/dev/null | grep -v "^$T/out" | sort)
new=$(comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after") | grep -v -e "^$T/jq.err$" -e "^$T/keybodies" -e "^$T/xdg-cache" -e "^$T/valgrind\." || true)
[ -z "$new" ] || fail "files appeared while scanning: $new"
[ -z "$(g -C "$R" status --porcelain --ignored)" ] || fail "the repository's working tree changed"

case_ "a zip bomb costs little: under 10 s and 1 GB (the scan of the whole repository)"
python3 - "$FQ_BIN" "$R" >"$T/bomb.cost" <<'PY'
import resource, subprocess, sys, time
t = time.monotonic()
subprocess.run([sys.argv[1], 'scan', '--format', 'json', sys.argv[2]], stdout=subprocess.DEVNULL,
               stderr=subprocess.DEVNULL)
print('%.2f %d' % (time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
PY
read -r secs kb <"$T/bomb.cost"
awk -v s="$secs" -v k="$kb" 'BEGIN { exit !(s < 10 && k < 1000000) }' || fail "the scan took ${secs}s, ${kb} kB"

finish
