#!/usr/bin/env python3
"""Summarises `perf script` output (cpu-clock samples with call stacks) of a
fourq-scan run: the share of CPU time per phase and the top self symbols.

    perf script -F comm,pid,tid,time,period,event,ip,sym,dso -i FILE.perf | perfsum.py [--top 15]

Phases come from the frames of each sample, innermost first.  Needs a binary
with debug information (bench/profile.sh builds one) so that inlined static
functions such as read_worktree show in the stacks.
"""
import argparse
import collections
import re
import sys

# (phase, frame-name patterns): the first phase whose pattern matches any
# frame of a sample, tried in this order, gets the sample.
PHASES = [
    ("environment from content (fq_env_from_content)", ("fq_env_from_content",)),
    ("placeholder check and redaction", ("fq_key_is_placeholder", "fq_key_redact", "fq_sha256")),
    ("key detection: memmem prefilter + PCRE2", ("fq_keydetect", "pcre2_", "_pcre2")),
    ("pre-check words, one pass per file (fq_file_words)", ("fq_file_words", "fq_literals_scan")),
    ("other rule work (findings, suppressions)", ("fq_findings_add", "fq_suppression", "keys_scan_text",
                                                  "fq_fingerprint")),
    ("code: query compilation (start-up)", ("fq_query_compile", "compile_all", "ts_query_new")),
    ("code: tree-sitter parse", ("fq_syntax_parse", "ts_parser_parse")),
    ("code: query matching + predicates (scanner/query.c)", ("fq_query_run", "ts_query_cursor", "on_match",
                                                             "predicate_holds", "try_node")),
    ("code: the node list (fq_syntax_index)", ("fq_syntax_index",)),
    ("code: trigger-word prefilter (one literal pass)", ("fq_code_wanted", "fq_literals_scan", "any_of")),
    ("code: parse/tree freeing", ("ts_tree_delete", "fq_syntax_free")),
    ("code: bindings walk (code model)", ("fq_node_walk", "bindings_visit", "mark_payload")),
    ("code: rule families on the model", ("_scan_code", "fq_code_")),
    ("read worktree files (open/fstat/read/close)", ("read_worktree",)),
    ("libgit2 status: index + worktree walk + ignores", ("git_status_list_new", "collect_worktree",
                                                         "git_diff_index_to_workdir", "git_iterator")),
    ("history: revwalk, commit/tree parsing, dedupe", ("collect_history", "collect_since", "walk_tree",
                                                       "git_revwalk", "git_tree_", "git_commit_",
                                                       "git_diff_tree_to_tree", "fq_oidmap")),
    ("blob read: header + inflate (git_odb_read*)", ("read_blob", "git_odb_read", "git_odb__read",
                                                     "inflate", "git_delta_apply", "git_zstream")),
    ("rest of scan_one: other families' text rules, binary probe", ("scan_one",)),
    ("sorting items/findings", ("fq_findings_sort", "cmp_item", "fq_notes_sort", "msort", "qsort")),
    ("report (JSON)", ("fq_report", "report_json", "json_dump", "json_", "emit_")),
    ("start-up and exit (ld.so, libgit2 init, munmap)", ("_dl_", "_start", "git_libgit2_init",
                                                           "exit", "execve", "dl_main")),
    ("worker loop, malloc/free", ("worker_main", "malloc", "free")),
]

HDR = re.compile(r"^\s*(\S.*?)\s+(\d+)(?:/(\d+))?\s+[\d.]+:\s+\d+\s+\S+:")
FRAME = re.compile(r"^\s*[0-9a-f]+\s+(.*?)\s+\((.*)\)$")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=15)
    a = ap.parse_args()
    samples = []
    cur = None
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line.strip():
            if cur:
                samples.append(cur)
            cur = None
            continue
        m = HDR.match(line)
        if m and not line.startswith((" ", "\t")):
            if cur:
                samples.append(cur)
            pid, tid = m.group(2), m.group(3) or m.group(2)
            tm = re.search(r"\s([\d]+\.[\d]+):", line)
            cur = {"comm": m.group(1), "pid": pid, "tid": tid, "frames": [],
                   "time": float(tm.group(1)) if tm else None}
            continue
        f = FRAME.match(line)
        if f and cur is not None:
            sym = re.sub(r"\+0x[0-9a-f]+$", "", f.group(1))
            cur["frames"].append((sym, f.group(2).rsplit("/", 1)[-1]))
    if cur:
        samples.append(cur)
    samples = [s for s in samples if s["comm"].startswith(("fourq-scan", "fourq"))] or samples
    if not samples:
        print("perfsum: no samples")
        return 1
    total = len(samples)
    phases = collections.Counter()
    selfsym = collections.Counter()
    kernel = 0
    per_thread = collections.Counter()
    timeline = {}
    for s in samples:
        fr = s["frames"]
        per_thread["main thread" if s["tid"] == s["pid"] else "worker threads"] += 1
        if fr:
            top = fr[0]
            selfsym["%s (%s)" % (top[0], top[1])] += 1
            if "kernel" in top[1]:
                kernel += 1
        names = [f[0] for f in fr]
        got = None
        for ph, pats in PHASES:
            if any(p in n for n in names for p in pats):
                got = ph
                break
        if got is None:
            # The unwinder lost the caller (often inside libc): say so, by thread.
            who = "main thread" if s["tid"] == s["pid"] else "workers"
            user = [f for f in fr if "kernel" not in f[1]]
            leaf = user[0][0] if user else "?"
            if "memmem" in leaf:
                got = "%s, caller lost: memmem (key prefilter or env words)" % who
            elif any(x in leaf for x in ("open", "read", "close", "fstat", "stat", "getdents")):
                got = "%s, caller lost: file system calls (open/read/stat/close/getdents)" % who
            elif "libgit2" in (user[0][1] if user else ""):
                got = "%s, caller lost: inside libgit2" % who
            elif "libz" in (user[0][1] if user else ""):
                got = "%s, caller lost: inside zlib (inflate)" % who
            else:
                got = "%s, caller lost: elsewhere" % who
        phases[got] += 1
        t = s.get("time")
        if t is not None:
            tl = timeline.setdefault(s["pid"], [t, None, None, t])
            tl[0], tl[3] = min(tl[0], t), max(tl[3], t)
            if s["tid"] != s["pid"]:
                tl[1] = t if tl[1] is None else min(tl[1], t)
                tl[2] = t if tl[2] is None else max(tl[2], t)
    print("samples: %d (cpu-clock), in the kernel: %.1f%%" % (total, 100.0 * kernel / total))
    print("threads: " + ", ".join("%s %.1f%%" % (k, 100.0 * v / total) for k, v in per_thread.most_common()))
    runs = [v for v in timeline.values() if v[1] is not None]
    if runs:
        pre = sum(v[1] - v[0] for v in runs) / len(runs) * 1000
        par = sum(v[2] - v[1] for v in runs) / len(runs) * 1000
        post = sum(v[3] - v[2] for v in runs) / len(runs) * 1000
        print("timeline per run (mean of %d, from samples): main thread alone %.0f ms, "
              "workers running %.0f ms, after the workers %.0f ms" % (len(runs), pre, par, post))
    print("\nCPU time by phase:")
    small = 0
    for ph, n in phases.most_common():
        if n * 200 < total:
            small += n
            continue
        print("  %5.1f%%  %s" % (100.0 * n / total, ph))
    if small:
        print("  %5.1f%%  (phases under 0.5%% each)" % (100.0 * small / total))
    print("\ntop self symbols:")
    for sym, n in selfsym.most_common(a.top):
        print("  %5.1f%%  %s" % (100.0 * n / total, sym))
    return 0


if __name__ == "__main__":
    sys.exit(main())
