#!/usr/bin/env python3
"""Checks fourq-scan's JSON reports against the generator's manifest.

    verify.py expected.json --worktree WT.json --history H.json [--since S.json]
              [--same A.json B.json]...

Every planted key must be reported where the manifest says (FQ001 at HEAD and
in untracked files, FQ002 for keys only in the history, FQ004/FQ005 where the
environment calls for them), nothing the manifest says to leave alone may be
reported, and the reports named by --same must be identical once
stats.elapsed_ms is removed.  Keys are matched by fingerprint:
sha256("RULE:" + sha256hex(key)), as fourq-scan computes it.  Exits 1 on any
failure, with one line per failure.
"""
import argparse
import hashlib
import json
import sys

KEY_RULES = ("FQ001", "FQ002", "FQ004", "FQ005")


def fp(rule, keyhash):
    return hashlib.sha256(("%s:%s" % (rule, keyhash)).encode()).hexdigest()


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class Report:
    def __init__(self, doc):
        self.doc = doc
        self.by_fp = {}
        for f in doc.get("findings", []):
            if f.get("suppressed") or f.get("severity") == "info":
                continue
            self.by_fp.setdefault(f.get("fingerprint"), []).append(f)

    def has(self, rule, keyhash, path=None):
        for f in self.by_fp.get(fp(rule, keyhash), []):
            if f.get("rule_id") == rule and (path is None or f.get("path") == path):
                return f
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("manifest")
    ap.add_argument("--worktree", required=True)
    ap.add_argument("--history", required=True)
    ap.add_argument("--since")
    ap.add_argument("--same", nargs=2, action="append", default=[], metavar=("A", "B"))
    a = ap.parse_args()

    man = load(a.manifest)
    wt, hi = Report(load(a.worktree)), Report(load(a.history))
    si = Report(load(a.since)) if a.since else None
    fails, warns, checked = [], [], 0

    def fail(msg):
        fails.append(msg)

    def short(e):
        return "%s key sha256:%s (%s)" % (e["kind"], e["sha256"][:8], e["note"])

    known = set()
    for e in man["keys"]:
        h, exp = e["sha256"], e["expect"]
        for r in KEY_RULES:
            known.add(fp(r, h))
        if exp in ("head", "worktree-only"):
            for p in e["paths"]:
                checked += 1
                if not wt.has("FQ001", h, p):
                    fail("worktree: FQ001 missing for %s at %s" % (short(e), p))
            for r in e["worktree_rules"]:
                if r == "FQ001":
                    continue
                checked += 1
                if not wt.has(r, h):
                    fail("worktree: %s missing for %s at %s" % (r, short(e), ", ".join(e["paths"])))
        else:
            for r in KEY_RULES:
                if wt.has(r, h):
                    fail("worktree: %s reported for %s, which must not be (%s)"
                         % (r, short(e), e.get("why", "not in the working tree")))
        # history mode
        if exp == "head":
            checked += 1
            if not hi.has("FQ001", h):
                fail("history: FQ001 missing for %s (at HEAD)" % short(e))
            if hi.has("FQ002", h):
                fail("history: FQ002 reported for %s, which is still at HEAD" % short(e))
        elif exp == "history":
            checked += 1
            f = hi.has("FQ002", h)
            if not f:
                fail("history: FQ002 missing for %s (first in %s at %.12s)"
                     % (short(e), e.get("first_path"), e.get("introduced_in")))
            else:
                n = len([x for x in hi.by_fp.get(fp("FQ002", h), []) if x.get("rule_id") == "FQ002"])
                if n != 1:
                    fail("history: FQ002 reported %d times for %s (once per key)" % (n, short(e)))
                got = f.get("introduced_in") or f.get("commit")
                if e.get("introduced_in") and got != e["introduced_in"]:
                    warns.append("history: FQ002 for %s dated %.12s, planted in %.12s"
                                 % (short(e), got, e["introduced_in"]))
            if hi.has("FQ001", h):
                fail("history: FQ001 reported for %s, which is no longer at HEAD" % short(e))
        else:
            for r in KEY_RULES:
                if hi.has(r, h):
                    fail("history: %s reported for %s, which must not be" % (r, short(e)))
        # since mode: keys added in the last 10 commits
        if si and e.get("in_last_10_commits") and exp == "head":
            checked += 1
            if not si.has("FQ001", h):
                fail("since HEAD~10: FQ001 missing for %s" % short(e))

    # Key findings the manifest does not know are false positives.
    for name, rep in (("worktree", wt), ("history", hi), ("since", si)):
        if not rep:
            continue
        for f in rep.doc.get("findings", []):
            if f.get("rule_id") in KEY_RULES and f.get("severity") != "info" and \
                    f.get("fingerprint") not in known:
                fail("%s: unexpected %s at %s:%s (%s)" % (name, f["rule_id"], f.get("path"),
                                                         f.get("line"), f.get("message")))
    for x, y in a.same:
        dx, dy = load(x), load(y)
        for d in (dx, dy):
            d.get("stats", {}).pop("elapsed_ms", None)
        checked += 1
        if dx != dy:
            nx, ny = len(dx.get("findings", [])), len(dy.get("findings", []))
            fail("reports differ beyond stats.elapsed_ms: %s (%d findings) vs %s (%d findings)"
                 % (x, nx, y, ny))
    # Code rules: informational only (the planted code is a sample of each
    # rule, not its contract): which planted violations the worktree scan found.
    code = man.get("code_violations", [])
    if code:
        got = set((f.get("rule_id"), f.get("path")) for f in wt.doc.get("findings", []))
        per = {}
        for v in code:
            t = per.setdefault(v["rule"], [0, 0])
            t[1] += 1
            t[0] += (v["rule"], v["path"]) in got
        print("verify: code rules (informational): planted violations found at their path: " +
              ", ".join("%s %d/%d" % (r, t[0], t[1]) for r, t in sorted(per.items())))
    for r, rep in (("worktree", wt), ("history", hi)):
        errs = rep.doc.get("errors", [])
        if errs:
            warns.append("%s: %d errors in the report, first: %s" % (r, len(errs), errs[0]))
    for w in warns:
        print("verify: warning: " + w)
    for m in fails:
        print("verify: FAIL: " + m)
    cnt = {}
    for e in man["keys"]:
        cnt[e["expect"]] = cnt.get(e["expect"], 0) + 1
    print("verify: %d checks on %d planted keys (%s): %s"
          % (checked, len(man["keys"]), ", ".join("%s %d" % kv for kv in sorted(cnt.items())),
             "%d FAILED" % len(fails) if fails else "all passed"))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
