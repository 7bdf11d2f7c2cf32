#!/usr/bin/env python3
"""Legitimate Enron mail as a gateway sees it, with and without senders' names.

usage: named.py --results DIR --mailboxes NAME... [--learned FRACTION]

Reads DIR/plain-NAME.jsonl and DIR/named-NAME.jsonl, `rapportctl --json
replay` of each Enron mailbox as the corpus has it (From headers without
display names) and with each From given its X-From name (namesakes.py
prepare), each mailbox into a store of its own with local_domains =
enron.com: every message scored on the history before it and then learned,
as attack_eval replays the mailboxes' own mail. Prints Markdown: inbound
held/tagged and internal held/tagged both ways, over every message (what
attack_eval counts) and over the messages after the first FRACTION of each
mailbox (the learned period; default 0.1, where attack_eval's attacks begin),
and every message held in the named replay, with its signals and evidence,
marked when the plain replay held it too.
"""
import argparse
import json
import os

HELD = ("hold", "reject")


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def tally(rows):
    out = {}
    for direction in ("inbound", "internal"):
        mine = [r for r in rows if r.get("direction") == direction]
        out[direction] = (len(mine), sum(r["action"] in HELD for r in mine),
                          sum(r["action"] == "tag" for r in mine))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--mailboxes", nargs="+", required=True)
    parser.add_argument("--learned", type=float, default=0.1)
    args = parser.parse_args()

    runs = {"plain": {}, "named": {}}
    for kind in runs:
        for mailbox in args.mailboxes:
            runs[kind][mailbox] = load(os.path.join(args.results, "%s-%s.jsonl" % (kind, mailbox)))

    print("| From headers | scored | inbound | held | tagged | internal | held | tagged |")
    print("|---|---|---|---|---|---|---|---|")
    for kind, label in (("plain", "as archived (no names)"), ("named", "X-From names restored")):
        for scope in ("all", "after"):
            rows = []
            for mailbox in args.mailboxes:
                replayed = runs[kind][mailbox]
                skip = int(len(replayed) * args.learned) if scope == "after" else 0
                rows += replayed[skip:]
            t = tally(rows)
            print("| %s | %s | %d | %d | %d | %d | %d | %d |" % (
                label, "every message" if scope == "all" else
                "after the first %d%%" % round(100 * args.learned),
                *t["inbound"], *t["internal"]))
    print()
    print("Every message held with names restored (`also plain`: held without names too):")
    print()
    for mailbox in args.mailboxes:
        plain = {(r.get("message_id"), r.get("date")): r for r in runs["plain"][mailbox]}
        for row in runs["named"][mailbox]:
            if row["action"] not in HELD:
                continue
            before = plain.get((row.get("message_id"), row.get("date")), {})
            print("- %s %s %s <%s> %s %s (%s)%s" % (
                mailbox.replace(".mbox", ""), row.get("direction"), row.get("date", "")[:10],
                row.get("from"), row["action"], row.get("score"), ", ".join(row.get("signals", [])),
                "; also plain" if before.get("action") in HELD else
                "; plain: %s %s" % (before.get("action"), before.get("score"))))
            for signal, text in sorted(row.get("evidence", {}).items()):
                print("  - %s: %s" % (signal, text))


if __name__ == "__main__":
    main()
