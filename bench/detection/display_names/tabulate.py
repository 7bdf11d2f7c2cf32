"""Prints display_names/run.sh's report: the archive's own mail replayed
as exported (no display names) and with its senders' names restored
(restore.py), per mailbox, and every message held in either reading with
its signals and the evidence of those that read a display name.

usage: tabulate.py RESULTS [--build TEXT] MAILBOX...
RESULTS holds archived-MAILBOX.jsonl and named-MAILBOX.jsonl, the JSON
lines of `rapportctl --json replay --delivered-to OWNER`.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import owned_tabulation as T  # noqa: E402

READS_NAME = ("DISPLAY_NAME", "BRAND_IMPERSONATION", "NAME_OUTSIDE_MAILBOX", "STAFF_NAME",
              "LOOKALIKE_DOMAIN", "MIXED_SCRIPT_WORD")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--build", default="")
    ap.add_argument("mailboxes", nargs="+")
    args = ap.parse_args()
    T.print_heading("display_names: the archive's own mail, its senders' display names restored",
                    args.build)
    print("Every message is the archive's own, legitimate: a held one is a false positive. "
          "\"held\" = hold or reject.")
    print()
    print("| mailbox | reading | inbound n | held | tagged | internal n | held | tagged |")
    print("|---|---|---|---|---|---|---|---|")
    held = []
    totals = {}
    for mailbox in args.mailboxes:
        for reading in ("archived", "named"):
            rows = T.load(os.path.join(args.results, "%s-%s.jsonl" % (reading, mailbox)))
            cells = []
            for direction in ("inbound", "internal"):
                part = [r for r in rows if r["direction"] == direction]
                h, t, _ = T.counts(part)
                cells += [str(len(part)), str(h), str(t)]
                total = totals.setdefault((reading, direction), [0, 0, 0])
                total[0] += len(part)
                total[1] += h
                total[2] += t
            print("| %s | %s | %s |" % (mailbox, reading, " | ".join(cells)))
            held += [(mailbox, reading, r) for r in rows
                     if r["action"] in T.STOP and r["direction"] in ("inbound", "internal")]
    for reading in ("archived", "named"):
        cells = []
        for direction in ("inbound", "internal"):
            n, h, t = totals.get((reading, direction), [0, 0, 0])
            cells += [str(n), "%d (%.2f%%)" % (h, 100.0 * h / n if n else 0), str(t)]
        print("| **all** | %s | %s |" % (reading, " | ".join(cells)))
    print()
    print("## Every message held (%d)" % len(held))
    print()
    for mailbox, reading, r in held:
        print("- %s, %s, %s %s from %s, score %d: %s" % (
            mailbox, reading, r["date"][:10], r["direction"], r["from"], r["score"],
            " + ".join(r.get("signals", []))))
        for name, text in sorted(r.get("evidence", {}).items()):
            if name.startswith(READS_NAME):
                print("  - %s: %s" % (name, text))


if __name__ == "__main__":
    main()
