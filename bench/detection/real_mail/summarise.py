#!/usr/bin/env python3
"""Summarises real-mail replays (the JSON lines of `rapportctl --json replay`).

usage: summarise.py [--top N] KIND=NAME=FILE[=LOCAL_DOMAINS]...
  KIND is phish (every message should be tagged or held: the misses are
  listed) or legit (none should be held: the holds are listed).
  LOCAL_DOMAINS (comma-separated): only messages whose From is outside them
  are counted, as inbound mail; those from inside are internal mail,
  reported on a line of their own ("NAME internal").

Prints Markdown: per set, messages replayed, held, tagged, delivered; then,
per set, the most common signal combinations of its misses (phish: neither
tagged nor held) or of its holds (legit), and how often each signal fires on
them; then, per legit set, every signal that fired on any of its messages,
with how many it fired on and how many of those were tagged and held
(bench/detection/model_fires.py reads these tables by their headings, for
DETECTION.md's "known legitimate fires").
"""
import argparse
import collections
import json
import sys

STOPPED = {"hold", "reject"}


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def is_local(address, domains):
    domain = address.rpartition("@")[2].lower()
    return any(domain == d or domain.endswith("." + d) for d in domains)


def pct(part, whole):
    return "%d (%.1f%%)" % (part, 100.0 * part / whole) if whole else "0"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=8)
    parser.add_argument("sets", nargs="+")
    args = parser.parse_args()
    sets = []
    for spec in args.sets:
        kind, name, path, *local = spec.split("=", 3)
        if kind not in ("phish", "legit"):
            sys.exit("summarise.py: KIND is phish or legit, not " + kind)
        rows = load(path)
        if local:
            domains = [d.strip().lower() for d in local[0].split(",") if d.strip()]
            inside = [r for r in rows if is_local(r["from"], domains)]
            sets.append((kind, name, [r for r in rows if not is_local(r["from"], domains)]))
            sets.append((kind, name + " internal", inside))
        else:
            sets.append((kind, name, rows))

    print("| set | kind | n | held | tagged | delivered untagged | tagged or held |")
    print("|---|---|---|---|---|---|---|")
    for kind, name, rows in sets:
        n = len(rows)
        held = sum(r["action"] in STOPPED for r in rows)
        tagged = sum(r["action"] == "tag" for r in rows)
        print("| %s | %s | %d | %s | %s | %s | %s |" %
              (name, kind, n, pct(held, n), pct(tagged, n), pct(n - held - tagged, n),
               pct(held + tagged, n)))

    for kind, name, rows in sets:
        if kind == "phish":
            picked = [r for r in rows if r["action"] not in STOPPED and r["action"] != "tag"]
            what = "misses (neither tagged nor held)"
        else:
            picked = [r for r in rows if r["action"] in STOPPED]
            what = "holds"
        print()
        print("### %s: %d %s" % (name, len(picked), what))
        if not picked:
            continue
        combos = collections.Counter(" + ".join(sorted(r["signals"])) or "(none)" for r in picked)
        print()
        print("| signals | messages |")
        print("|---|---|")
        for combo, count in combos.most_common(args.top):
            print("| %s | %d |" % (combo, count))
        singles = collections.Counter(s for r in picked for s in r["signals"])
        print()
        print("per signal: " + ", ".join("%s %d" % kv for kv in singles.most_common()))

    for kind, name, rows in sets:
        if kind == "legit":
            print_fires(name, rows)


def print_fires(name, rows):
    """Every signal that fired on `rows`: messages, of them tagged, held."""
    fired = collections.defaultdict(lambda: [0, 0, 0])
    for r in rows:
        for signal in set(r["signals"]):
            fired[signal][0] += 1
            fired[signal][1] += r["action"] == "tag"
            fired[signal][2] += r["action"] in STOPPED
    print()
    print("### %s: signals fired (of %d messages; a signal not listed fired on none)" %
          (name, len(rows)))
    print()
    print("| signal | fired | tagged | held |")
    print("|---|---|---|---|")
    for signal in sorted(fired):
        print("| %s | %d | %d | %d |" % (signal, *fired[signal]))


if __name__ == "__main__":
    main()
