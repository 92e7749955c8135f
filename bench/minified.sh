#!/usr/bin/env bash
# Code nobody wrote by hand, timed: a generated repository (bench/gen.py,
# 2,000 files) with a 3 MB minified bundle committed in .yarn/releases/,
# scanned cold (--no-cache) as it is, with --scan-generated (the bundle
# parsed whole, as before it was recognised), and searched with rg for the
# key pattern over the same files.
#
#   bench/minified.sh BUILD_DIR [RUNS] [REPO]
#
# REPO times a working tree of your own instead (a real monorepo with its
# bundles, e.g. a yarn 4 project that commits .yarn/releases/).
# Prints hyperfine's table; the worktree scan should stay within 2x rg.
set -euo pipefail
build=$(cd "${1:?BUILD_DIR}" && pwd -P)
runs=${2:-7}
root=$(cd "$(dirname "$0")/.." && pwd -P)
work=$root/bench/work/minified
fq=$build/fourq-scan
pattern='sk_(live|test|admin)_[A-Za-z0-9]{16,}'
if [ -n "${3:-}" ]; then
  repo=$(cd "$3" && pwd -P)
elif [ ! -d "$work/repo/.git" ]; then
  rm -rf "$work"
  python3 "$root/bench/gen.py" --files 2000 --commits 50 --out "$work" >/dev/null 2>&1
  mkdir -p "$work/repo/.yarn/releases"
  python3 - "$work/repo/.yarn/releases/yarn-4.1.0.cjs" <<'PY'
import random, sys
r = random.Random(7)
out = ['#!/usr/bin/env node\n/* eslint-disable */\n//prettier-ignore\n(()=>{var e={']
n = 0
while sum(len(x) for x in out) < 3_000_000:
    out.append('%d:(t,r,n)=>{"use strict";var o=n(%d),i=n(%d);function s(e,t){if(!e)throw new Error(t||"x");'
               'return o.resolve(e,{paths:[t]}).then(function(r){return i.protect?i.protect(r,"P"):r})}'
               't.exports={s:s,k:"%x"}},' % (n, r.randint(0, 9999), r.randint(0, 9999), r.getrandbits(64)))
    n += 1
out.append('};})();\n')
open(sys.argv[1], 'w').write(''.join(out))
PY
  git -C "$work/repo" add -A
  git -C "$work/repo" -c user.email=bench@example -c user.name=bench commit -qm "yarn 4 release"
fi
repo=${repo:-$work/repo}
echo "repository: $(git -C "$repo" ls-files | wc -l) files; bundles:" \
  "$(git -C "$repo" ls-files -- '.yarn/releases/*' '*.min.js' | head -3 | tr '\n' ' ')"
hyperfine -N -i --warmup 1 --runs "$runs" \
  -n "fourq-scan worktree" "$fq scan $repo --format json --no-progress --fail-on none --no-cache" \
  -n "fourq-scan worktree --scan-generated" "$fq scan $repo --format json --no-progress --fail-on none --no-cache --scan-generated" \
  -n "rg (same files)" "rg -c --no-messages --hidden -g '!.git' -e '$pattern' $repo"
