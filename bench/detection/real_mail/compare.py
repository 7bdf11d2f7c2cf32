#!/usr/bin/env python3
"""Lists the messages whose verdict moved between two real-mail replays.

usage: compare.py BEFORE_RESULTS AFTER_RESULTS

Each argument is a results directory of real_mail/run.sh (REAL_MAIL_WORK=DIR
keeps DIR/results): one NAME.jsonl per replayed set, the JSON lines of
`rapportctl --json replay`. The same mail replayed in another form
(REAL_MAIL_REWRITE) must give the same verdicts; lines are paired by their
Message-ID (and occurrence, for a Message-ID repeated). Prints, per set, the
messages whose action, score or signals differ, and a count; exits 1 if any
differ or the sets cannot be paired.
"""
import json
import os
import sys


def load(path):
    """A replay's lines by message: Message-ID (double quotes dropped, as a
    writer may requote a quoted local part) and its occurrence."""
    rows = {}
    seen = {}
    with open(path) as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                mid = row["message_id"].replace('"', "")
                seen[mid] = seen.get(mid, 0) + 1
                rows[(mid, seen[mid])] = row
    return rows


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: compare.py BEFORE_RESULTS AFTER_RESULTS")
    before_dir, after_dir = sys.argv[1:]
    moved = 0
    for name in sorted(os.listdir(before_dir)):
        if not name.endswith(".jsonl"):
            continue
        before = load(os.path.join(before_dir, name))
        after = load(os.path.join(after_dir, name))
        differ = []
        for key in sorted(set(before) | set(after)):
            b, a = before.get(key), after.get(key)
            if a is None or b is None:
                differ.append("%s: replayed only %s" % (key[0], "before" if a is None else "after"))
                continue
            if (b["action"], round(b["score"], 6), sorted(b["signals"])) == \
               (a["action"], round(a["score"], 6), sorted(a["signals"])):
                continue
            gone = sorted(set(b["signals"]) - set(a["signals"]))
            new = sorted(set(a["signals"]) - set(b["signals"]))
            differ.append("%s: %s %.2f -> %s %.2f; signals -%s +%s" %
                          (key[0], b["action"], b["score"], a["action"], a["score"],
                           ",".join(gone) or "none", ",".join(new) or "none"))
        print("%s: %d of %d differ" % (name[:-6], len(differ), len(before)))
        for line in differ:
            print("  " + line)
        moved += len(differ)
    sys.exit(1 if moved else 0)


if __name__ == "__main__":
    main()
