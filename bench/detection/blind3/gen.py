#!/usr/bin/env python3
"""blind3's generator: the five owned Enron mailboxes with attacks injected.

usage: gen.py --corpus DIR --out DIR --owner MAILBOX=ADDRESS... [--seed N]

Reads each mailbox, finds what each attack needs in the history before its
Date (established correspondents: 3+ messages in, a reply from the
organisation, first seen 14+ days before; real threads; colleagues who write
internal mail), and writes OUT/MAILBOX.mbox: the archive as it was with the
attacks (and the legitimate setup mail of the new-tenant family) placed in
Date order. OUT/manifest.jsonl says what each injected message is (family,
shape, mailbox, Message-ID); run.sh reads it, never prints an attack's own
line. Deterministic: every choice is drawn from random.Random("seed/mailbox/
family"), every byte written by mime.py.
"""
import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402
import lures  # noqa: E402
import mime  # noqa: E402

MAILBOXES = lures.MAILBOXES
PER_FAMILY = 20
# Families whose sender must be an established correspondent: spread by how
# many such correspondents each archive has (kaminski-v 50 over its life,
# farmer-d 6, williams-w3 3, beck-s and lokay-m 1 each).
KNOWN_SPREAD = {"kaminski-v": 10, "farmer-d": 5, "williams-w3": 3, "beck-s": 1, "lokay-m": 1}
EVEN_SPREAD = {m: 4 for m in MAILBOXES}
FAMILIES = [
    ("masked-link", KNOWN_SPREAD),
    ("hijack-participant", KNOWN_SPREAD),
    ("hijack-outsider", EVEN_SPREAD),
    ("bcc-new-sender", EVEN_SPREAD),
    ("vendor-new-platform", KNOWN_SPREAD),
    ("new-tenant", KNOWN_SPREAD),
    ("registrable-lookalike", KNOWN_SPREAD),
    ("cloud-token", KNOWN_SPREAD),
    ("lateral", EVEN_SPREAD),
]
ADOPTION_MAILBOX = "kaminski-v"
VENDOR_MAILBOX = "farmer-d"
assert all(sum(spread.values()) == PER_FAMILY for _, spread in FAMILIES)


class Injected:
    def __init__(self, when, text, record):
        self.when, self.text, self.record = when, text, record


class Box:
    """One mailbox being written: its history and what is injected into it."""

    def __init__(self, name, owner, mails, seed):
        self.name, self.owner, self.seed = name, owner, seed
        self.mails = mails
        self.h = corpus.History(mails)
        self.injected = []
        self.used_ids = set()
        self.dates = [m.date for m in self.h.mails]

    def rng(self, what):
        return random.Random("%d/%s/%s" % (self.seed, self.name, what))

    def message_id(self, rng, domain):
        while True:
            mid = "<%s.%d@%s>" % ("".join(rng.choice("0123456789ABCDEF") for _ in range(16)),
                                  rng.randrange(10**6), domain)
            if mid not in self.used_ids:
                self.used_ids.add(mid)
                return mid

    def add(self, when, sender, text, record):
        record = dict(record, mailbox=self.name)
        self.injected.append(Injected(when, mime.from_line(sender, when) + text, record))

    def window(self, lo, hi, need):
        """Candidate times in [lo, hi) of the archive's messages where need(t)."""
        n = len(self.h.mails)
        picks = []
        for m in self.h.mails[int(lo * n):int(hi * n)]:
            if need(m.date):
                picks.append(m.date)
        return picks

    def legitimate(self):
        """The archive's own mail: its subject (for the list of legitimate
        holds) and, inbound, whether its sender was an established
        correspondent at its Date (for the known-correspondent median)."""
        out = []
        for m in self.h.mails:
            out.append({"mailbox": self.name, "message_id": m.message_id.strip("<>"),
                        "from": m.sender, "subject": m.subject[:90],
                        "established": not m.outbound and self.h.established(m.sender, m.date)})
        return out

    def write(self, path):
        """The archive in its own order, each injected message before the first
        original message dated after it."""
        pending = sorted(self.injected, key=lambda i: (i.when, i.record["message_id"]))
        k = 0
        with open(path, "wb") as out:
            for m in self.mails:
                while k < len(pending) and m.date is not None and pending[k].when < m.date:
                    write_injected(out, pending[k])
                    k += 1
                out.write(m.from_line)
                out.write(corpus.QUOTE.sub(rb">\1", m.raw))
                out.write(b"\n")
            for item in pending[k:]:
                write_injected(out, item)


def write_injected(out, item):
    text = item.text
    first, rest = text.split("\n", 1)
    out.write((first + "\n").encode("ascii"))
    out.write(corpus.QUOTE.sub(rb">\1", rest.encode("utf-8")))
    if not rest.endswith("\n"):
        out.write(b"\n")
    out.write(b"\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--owner", action="append", default=[])
    parser.add_argument("--seed", type=int, default=20260313)
    parser.add_argument("--mailboxes", default=",".join(MAILBOXES))
    args = parser.parse_args()
    owners = dict(o.split("=", 1) for o in args.owner)
    os.makedirs(args.out, exist_ok=True)
    records = []
    legit = []
    for name in args.mailboxes.split(","):
        if name not in owners:
            sys.exit("gen.py: no --owner for " + name)
        mails = corpus.read_mailbox(os.path.join(args.corpus, "enron", name + ".mbox"))
        box = Box(name, owners[name], mails, args.seed)
        for family, spread in FAMILIES:
            n = spread.get(name, 0)
            if n:
                lures.FAMILY_BUILDERS[family](box, n)
        if name == ADOPTION_MAILBOX:
            lures.adoption(box)
        if name == VENDOR_MAILBOX:
            lures.compromised_vendor(box)
        box.write(os.path.join(args.out, name + ".mbox"))
        records.extend(i.record for i in box.injected)
        legit.extend(box.legitimate())
    records.sort(key=lambda r: (r["mailbox"], r["kind"], r["family"], r["date"], r["message_id"]))
    with open(os.path.join(args.out, "manifest.jsonl"), "w") as f:
        for r in records:
            f.write(json.dumps(r, sort_keys=True) + "\n")
    with open(os.path.join(args.out, "legit.jsonl"), "w") as f:
        for r in legit:
            f.write(json.dumps(r, sort_keys=True) + "\n")
    print("gen.py: %d messages injected into %d mailboxes" %
          (len(records), len(args.mailboxes.split(","))), file=sys.stderr)


if __name__ == "__main__":
    main()
