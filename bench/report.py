#!/usr/bin/env python3
"""Prints the benchmark summary (Markdown) from bench/run.sh's results folder.

    report.py RESULTS_DIR EXPECTED_JSON

One row per comparison (PAIRS): the medians of both sides, A / B, and the
peak RSS of each (one run under /usr/bin/time -v; for a pipeline, its largest
process).
"""
import json
import os
import sys

# (comparison, A, B): labels of the commands bench/run.sh timed; "{j}" is the
# --jobs of the parallel runs.  The ratio is A / B (below 1: A is faster).
PAIRS = [
    ("worktree", "fourq-scan worktree", "rg (same files)"),
    ("worktree", "fourq-scan worktree", "rg (defaults: skips dotfiles)"),
    ("history", "fourq-scan --history", "git cat-file --batch-all-objects --batch | rg -a"),
    ("history", "fourq-scan --history", "same, cat-file --unordered"),
    ("since", "fourq-scan --since HEAD~10", "fourq-scan worktree"),
    ("jobs", "fourq-scan worktree", "fourq-scan worktree --jobs 1"),
    ("jobs", "fourq-scan --history", "fourq-scan --history --jobs 1"),
    ("ast-grep", "fourq-scan worktree", "ast-grep scan (2 rules x 4 languages)"),
    ("floor", "parse only (the files fourq-scan parses)", "rg (same files)"),
    ("floor", "fourq-scan worktree", "parse only (the files fourq-scan parses)"),
    ("cache", "fourq-scan worktree", "fourq-scan worktree, cached"),
    ("cache", "fourq-scan --history", "fourq-scan --history, cached"),
    ("cache", "fourq-scan worktree, cached", "rg (same files)"),
]
GROUPS = ["worktree", "history", "since", "baseline", "ast-grep", "cache"]


def ms(s):
    return "%.0f ms" % (s * 1000) if s < 1 else "%.2f s" % s


def mib(kb):
    try:
        return "%.0f MiB" % (int(kb) / 1024.0)
    except (TypeError, ValueError):
        return "?"


def main():
    out, manifest = sys.argv[1], sys.argv[2]
    rss = {}
    if os.path.exists(os.path.join(out, "rss.tsv")):
        with open(os.path.join(out, "rss.tsv")) as f:
            for line in f:
                if "\t" in line:
                    k, v = line.rstrip("\n").split("\t", 1)
                    rss[k] = v
    man = json.load(open(manifest))
    print("## fourq-scan benchmark\n")
    if os.path.exists(os.path.join(out, "machine.txt")):
        print("```")
        print(open(os.path.join(out, "machine.txt")).read().rstrip())
        print("```\n")
    hist = wt = None
    for name in os.listdir(out):
        if name.startswith("history-j") and name.endswith(".json") and hist is None:
            hist = json.load(open(os.path.join(out, name)))["stats"]
        if name.startswith("worktree-j") and name.endswith(".json") and wt is None:
            wt = json.load(open(os.path.join(out, name)))["stats"]
    print("Repository: %d files at HEAD (%.1f MB), %d commits, seed %d"
          % (man["head_files"], man["head_bytes"] / 1e6, man["commits"], man["seed"]), end="")
    if wt:
        print("; the worktree scan read %d text files (%.1f MB)" % (wt["files"], wt["bytes"] / 1e6), end="")
    if hist:
        print("; --history read %d blobs (%.1f MB) from %d commits"
              % (hist["blobs"], hist["bytes"] / 1e6, hist["commits"]), end="")
    print(".\n")
    res = {}
    nruns = 0
    for g in GROUPS:
        p = os.path.join(out, g + ".json")
        if os.path.exists(p):
            for r in json.load(open(p))["results"]:
                res[r["command"]] = r
                nruns = len(r["times"])
    for label in sorted(res):
        if label.startswith("fourq-scan@"):
            at, mode = label.split(" ", 1)
            if mode == "worktree":
                PAIRS.append(("baseline", "fourq-scan worktree", label))
                PAIRS.append(("baseline", label, "rg (same files)"))
            else:
                PAIRS.append(("baseline", "fourq-scan --history", label))
                PAIRS.append(("baseline", label, "git cat-file --batch-all-objects --batch | rg -a"))
    print("| comparison | A | median (min) | B | median (min) | A / B | peak RSS A | peak RSS B |")
    print("|---|---|---:|---|---:|---:|---:|---:|")
    for g, a, b in PAIRS:
        if a not in res or b not in res:
            continue
        ra, rb = res[a], res[b]
        print("| %s | %s | %s (%s) | %s | %s (%s) | %.2f | %s | %s |" % (
            g, a, ms(ra["median"]), ms(ra["min"]), b.replace("|", "\\|"), ms(rb["median"]),
            ms(rb["min"]), ra["median"] / rb["median"], mib(rss.get(a)), mib(rss.get(b))))
    print("\nMedians of %d runs after a warm-up, min in brackets; mean ± σ, max and user/system "
          "time are in the hyperfine exports beside this file (*.json, *.md)." % nruns)
    # CPU time is far less disturbed than wall time when other work shares the machine
    print("\n| command | median wall | mean CPU (user + sys) | CPU / wall | peak RSS |")
    print("|---|---:|---:|---:|---:|")
    for label, r in res.items():
        cpu = r["user"] + r["system"]
        print("| %s | %s | %s | %.2f | %s |" % (label.replace("|", "\\|"), ms(r["median"]), ms(cpu),
                                               cpu / r["mean"], mib(rss.get(label))))
    v = os.path.join(out, "verify.txt")
    if os.path.exists(v):
        print("\nFindings: " + open(v).read().strip().splitlines()[-1].replace("verify: ", ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
