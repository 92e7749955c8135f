#!/usr/bin/env bash
# The container image (Dockerfile; docs/review.md): built from this tree, it
# reviews two repositories mounted read-only into it, as its non-root user,
# with a read-only root filesystem and no network, and writes the
# organisation report of SPEC §7; two shards merged give the same report.
# It needs a container engine whose daemon answers: where neither docker nor
# podman does, the test prints SKIP and passes.
#
# FQ_CONTAINER_ENGINE=podman picks the engine; FQ_CONTAINER_IMAGE=NAME tests
# an image built beforehand instead of building fourq-scan:test here (the
# build compiles everything and takes minutes).
set -euo pipefail

# ------------------------------------------------ an engine, or SKIP
# Decided before lib.sh: a skip leaves nothing behind.
ENGINE=""
why="no container engine is installed (looked for: ${FQ_CONTAINER_ENGINE:-docker podman})"
for e in ${FQ_CONTAINER_ENGINE:-docker podman}; do
	command -v "$e" >/dev/null 2>&1 || continue
	if timeout 10 "$e" info >/dev/null 2>&1; then
		ENGINE=$e
		break
	fi
	why="'$e info' failed or took over 10 s: no $e daemon answers"
done
if [ -z "$ENGINE" ]; then
	echo "SKIP test_container: $why"
	exit 0
fi

SRC=${FQ_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
# lib.sh wants the host's binary; this test runs the image's instead.
export FQ_BIN=${FQ_BIN:-$(command -v true)}
. "$(dirname "$0")/lib.sh"

IMAGE=${FQ_CONTAINER_IMAGE:-fourq-scan:test}
W=$T/work

# Files that the image's user (uid 10001) wrote into the mounted folders
# may not be removable by the host's user: the image removes them itself.
_ct_exit() {
	local rc=$?
	if [ -z "${FQ_KEEP:-}" ] && [ -d "$W/out" ]; then
		"$ENGINE" run --rm --network none --entrypoint find \
			-v "$W/out:/work/out:z" -v "$W/cache:/work/cache:z" \
			"$IMAGE" /work/out /work/cache -mindepth 1 -delete >/dev/null 2>&1 || true
	fi
	set +e # hand rc on to lib.sh's handler, which reads $?
	(exit "$rc")
	_fq_exit
}
trap _ct_exit EXIT

# crun NAME ARGS...: `fourq-scan ARGS...` in the image, as the image's user,
# with a read-only root filesystem, no network and no capabilities, the
# repositories and configuration mounted read-only; like fq in lib.sh,
# stdout and stderr go to $T/out/NAME.out/.err and the exit code to $FQ_RC.
crun() {
	local name=$1
	shift
	FQ_LAST="$T/out/$name"
	FQ_LAST_ARGS="$*"
	OUT="$FQ_LAST.out"
	ERR="$FQ_LAST.err"
	set +e
	"$ENGINE" run --rm --read-only --tmpfs /tmp --network none --cap-drop ALL \
		--security-opt no-new-privileges -e HOME=/work/config/home \
		-v "$W/repos:/work/repos:ro,z" -v "$W/config:/work/config:ro,z" \
		-v "$W/out:/work/out:z" -v "$W/cache:/work/cache:z" \
		"$IMAGE" "$@" >"$OUT" 2>"$ERR" </dev/null
	FQ_RC=$?
	set -e
	# 125-127: the engine could not start the container; 4+: a crash
	[ "$FQ_RC" -le 3 ] || die "the container exited $FQ_RC, never one of 0-3"
}

# ----------------------------------------------------------- the image
case_ "$ENGINE build"
if [ -z "${FQ_CONTAINER_IMAGE:-}" ]; then
	if ! "$ENGINE" build -t "$IMAGE" "$SRC" >"$T/build.log" 2>&1; then
		tail -n 40 "$T/build.log" | scrubbed >&2
		die "$ENGINE build -t $IMAGE $SRC failed (log above)"
	fi
fi

case_ "the image runs as a non-root user, uid 10001"
uid=$("$ENGINE" run --rm --entrypoint id "$IMAGE" -u) || die "cannot run id in $IMAGE"
[ "$uid" != 0 ] || fail "the image runs as root"
[ "$uid" = 10001 ] || fail "the image runs as uid $uid, want 10001 (Dockerfile, ci/review-k8s.yaml)"

case_ "the entrypoint is fourq-scan, the default command --help"
"$ENGINE" run --rm "$IMAGE" >"$T/help.out" 2>&1 || fail "'$ENGINE run $IMAGE' (--help) failed"
grep -q "review" "$T/help.out" || fail "--help does not mention review"
"$ENGINE" run --rm "$IMAGE" --version >"$T/version.out" 2>&1 || fail "--version failed"
grep -q "fourq-scan" "$T/version.out" || fail "--version does not name fourq-scan"

case_ "the runtime image has no compiler, git, Node.js or -dev package"
tools=$("$ENGINE" run --rm --entrypoint sh "$IMAGE" -c \
	'for t in cc gcc git node npm cmake; do command -v "$t" || true; done')
[ -z "$tools" ] || fail "found in the image: $(echo "$tools" | tr '\n' ' ')"
devs=$("$ENGINE" run --rm --entrypoint dpkg-query "$IMAGE" -W -f '${Package}\n' | grep -e '-dev$' || true)
[ -z "$devs" ] || fail "development packages in the image: $(echo "$devs" | tr '\n' ' ')"

# ------------------------------------------------- two repositories
mkdir -p "$W/repos" "$W/config/home" "$W/out" "$W/cache"
mkkey KEY live container-review
newrepo "$W/repos/keyed"
mkdir -p "$W/repos/keyed/src"
cat >"$W/repos/keyed/src/client.js" <<EOF
const { FourQ } = require('@4quays/sdk');

const fourq = new FourQ({ apiKey: '$KEY' });

module.exports = { fourq };
EOF
commit "$W/repos/keyed" "client with a hard-coded key"

newrepo "$W/repos/clean"
mkdir -p "$W/repos/clean/src"
cat >"$W/repos/clean/src/client.js" <<'EOF'
const { FourQ } = require('@4quays/sdk');

const fourq = new FourQ({ apiKey: process.env.FOURQ_API_KEY });

module.exports = { fourq };
EOF
commit "$W/repos/clean" "client reading the key from the environment"

cat >"$W/config/repos.txt" <<'EOF'
# the container test's repositories, as the container sees them
/work/repos/keyed   keyed
/work/repos/clean   clean
EOF
# libgit2 refuses a repository owned by another user (CVE-2022-24765), and
# the host's user is not uid 10001; libgit2 1.5 takes no '*', so each path.
cat >"$W/config/home/.gitconfig" <<'EOF'
[safe]
	directory = /work/repos/keyed
	directory = /work/repos/clean
EOF
chmod 0755 "$W"
chmod -R a+rX "$W/repos" "$W/config"
chmod 0777 "$W/out" "$W/cache" # written by uid 10001

# --------------------------------------------------------- the review
case_ "review of two mounted repositories in the container"
crun review review --repos /work/config/repos.txt --cache /work/cache --format json \
	--output /work/out/review.json --report markdown=/work/out/review.md --report html=/work/out/review.html
expect_rc 1
R=$W/out/review.json
[ -s "$R" ] || die "no report at out/review.json"
jqt '.kind == "review" and .shard == null' "$R"
jqt '.repositories | length == 2' "$R" "one row per repository"
jqt '[.repositories[].name] == ["clean", "keyed"]' "$R" "rows sorted by name"
jqt '.repositories | all(.complete == true and .error == null)' "$R" "both reviewed (ownership, permissions)"
jqt '.repositories[] | select(.name == "keyed") | .checklist[] | select(.id == "C01") | .status == "FAIL"' "$R" \
	"the hard-coded key fails C01"
jqt '.repositories[] | select(.name == "clean") | .checklist[] | select(.id == "C01") | .status != "FAIL"' "$R"
jqt '[.repositories[] | select(.name == "keyed") | .findings[] | select(.rule_id == "FQ001")] | length >= 1' "$R"
jqt '.repositories[] | select(.name == "keyed") | .counts.critical >= 1' "$R"
jqt '[.repositories[] | select(.name == "clean") | .findings[] | select(.rule_id == "FQ001")] | length == 0' "$R"
jqt '.repositories[] | select(.name == "keyed") | .changes.new | length >= 1' "$R" "a first review: all new"
jqt '.totals.repositories == 2 and .totals.complete == 2' "$R"
[ -s "$W/out/review.md" ] || fail "no Markdown report"
[ -s "$W/out/review.html" ] || fail "no HTML report"
grep -q keyed "$W/out/review.md" || fail "the Markdown report does not name the keyed repository"
[ -n "$(ls -A "$W/cache")" ] || fail "the cache is empty: uid 10001 could not write it"
no_key_in "$R" "$W/out/review.md" "$W/out/review.html" "$OUT" "$ERR"

case_ "a second review reads the cache: the key is still open, nothing new"
crun again review --repos /work/config/repos.txt --cache /work/cache --format json --output /work/out/again.json
expect_rc 1
jqt '.repositories[] | select(.name == "keyed") | .changes.new == [] and (.changes.open | length >= 1)' \
	"$W/out/again.json"
same() { jq -S '[.repositories[] | {name, complete, checklist, counts, findings: [.findings[].fingerprint]}], .totals' "$1"; }
[ "$(same "$R")" = "$(same "$W/out/again.json")" ] || fail "a cached review reports other findings than a cold one"
no_key_in "$W/out/again.json" "$OUT" "$ERR"

# ------------------------------------------------ shards and merge
# --shard K/N takes the repositories whose name's SHA-256, read as a
# big-endian number, is K-1 modulo N: modulo 2 that is the last digit's parity.
case_ "two shards split the list by the SHA-256 of the names"
d=$(printf %s keyed | sha256sum | cut -c64)
KK=$(((16#$d % 2) + 1))
for k in 1 2; do
	crun "shard-$k" review --repos /work/config/repos.txt --shard "$k/2" --cache "/work/cache/shard-$k" \
		--format json --output "/work/out/shard-$k.json"
	[ "$FQ_RC" -le 1 ] || fail "shard $k/2 exited $FQ_RC"
	jqt ".shard.index == $k and .shard.count == 2" "$W/out/shard-$k.json"
	if [ "$k" = "$KK" ]; then want='["keyed"]'; else want='["clean"]'; fi
	jqt "[.repositories[].name] == $want" "$W/out/shard-$k.json" "shard $k/2"
	no_key_in "$W/out/shard-$k.json" "$OUT" "$ERR"
done

case_ "merge of the two shards gives the report of the whole review"
crun merge merge /work/out/shard-1.json /work/out/shard-2.json --format json --output /work/out/merged.json
expect_rc 1
jqt '.kind == "review" and .shard == null and (.repositories | length == 2)' "$W/out/merged.json"
[ "$(same "$R")" = "$(same "$W/out/merged.json")" ] || fail "the merged report differs from the whole review"
no_key_in "$W/out/merged.json" "$OUT" "$ERR"

finish
