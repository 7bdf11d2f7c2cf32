"""What the tabulations of the sets over the five owned Enron mailboxes share.

blind4, blind5 and tune6 (bench/detection/*/tabulate.py) read the same
files: gen.py's manifest.jsonl (every injected message) and legit.jsonl
(the archive's own messages), and RESULTS/NAME.jsonl, the JSON lines of
`rapportctl --json replay --delivered-to OWNER` for each generated
mailbox. "held" counts hold and reject.
"""
import argparse
import json
import os
import statistics
import sys

STOP = {"hold", "reject"}


def arguments(*flags):
    """tabulate.py's arguments, as owned_mailbox_evaluation passes them:
    GEN RESULTS [--build TEXT], and each of `flags` ("--show-missed") as an
    option of its own."""
    ap = argparse.ArgumentParser()
    ap.add_argument("gen")
    ap.add_argument("results")
    ap.add_argument("--build", default="")
    for flag in flags:
        ap.add_argument(flag, action="store_true")
    return ap.parse_args()


def print_heading(title, build):
    """The report's first lines: "# TITLE" and the rapportctl it ran."""
    print("# %s" % title)
    print()
    if build:
        print("rapportctl: %s" % build)
        print()


def load(path):
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


def counts(rows):
    """(held, tagged, delivered) of replay lines."""
    h = sum(r["action"] in STOP for r in rows)
    t = sum(r["action"] == "tag" for r in rows)
    return h, t, len(rows) - h - t


def med(rows):
    return "%g" % statistics.median(r["score"] for r in rows) if rows else "-"


def pct(a, n):
    return "%d (%.0f%%)" % (a, 100.0 * a / n) if n else "0"


def line(label, rows):
    """A Markdown row: label | n | held | tagged | delivered | median score."""
    h, t, d = counts(rows)
    n = len(rows)
    return "| %s | %d | %s | %s | %s | %s |" % (label, n, pct(h, n), pct(t, n), pct(d, n), med(rows))


class Replays:
    """The generated set and its replays: manifest (injected records),
    subjects[(mailbox, message_id)] of the archive's own messages,
    injected (their keys), verdict[(mailbox, message_id)] of each injected
    message and rows_of[name], every replay line of each copy in `names`.
    Exits naming how many injected messages have no verdict."""

    def __init__(self, gen, results, names):
        self.manifest = load(os.path.join(gen, "manifest.jsonl"))
        self.subjects = {}
        for r in load(os.path.join(gen, "legit.jsonl")):
            self.subjects.setdefault((r["mailbox"], r["message_id"]), r["subject"])
        self.injected = {(r["mailbox"], r["message_id"]) for r in self.manifest}
        self.verdict = {}
        self.rows_of = {}
        for name in names:
            self.rows_of[name] = load(os.path.join(results, name + ".jsonl"))
            for row in self.rows_of[name]:
                if (name, row["message_id"]) in self.injected:
                    self.verdict[(name, row["message_id"])] = row
        missing = [k for k in self.injected if k not in self.verdict]
        if missing:
            sys.exit("tabulate.py: %d injected messages have no verdict" % len(missing))

    def archive_rows(self, mailbox):
        """The replay lines of the archive's own messages of `mailbox`."""
        return [r for r in self.rows_of[mailbox] if (mailbox, r["message_id"]) not in self.injected]

    def print_holds(self, title, holds, mailboxes):
        """`holds`, (mailbox, replay line) of legitimate messages held, as a
        Markdown table under "### TITLE: N", by mailbox and date."""
        print("### %s: %d" % (title, len(holds)))
        if not holds:
            return
        print()
        print("| mailbox | date | direction | from | subject | score | signals |")
        print("|---|---|---|---|---|---|---|")
        holds = sorted(holds, key=lambda mr: (mailboxes.index(mr[0]), mr[1]["date"], mr[1]["message_id"]))
        for mb, r in holds:
            subject = self.subjects.get((mb, r["message_id"]), "").replace("|", "/")
            print("| %s | %s | %s | %s | %s | %d | %s |" % (
                mb, r["date"][:10], r["direction"], r["from"], subject, r["score"],
                " + ".join(r["signals"])))

    def print_archive(self, mailboxes, holds_title):
        """The archive's own mail per mailbox and in all (inbound and
        internal: n, held, tagged, median) as a Markdown table, then every
        one of its messages held (print_holds, under `holds_title`)."""
        print("| mailbox | inbound n | held | tagged | median | internal n | held | tagged | median |")
        print("|---|---|---|---|---|---|---|---|---|")
        holds = []
        every = {"inbound": [], "internal": []}
        for mb in mailboxes + ["all"]:
            if mb == "all":
                inb, internal = every["inbound"], every["internal"]
            else:
                rows = self.archive_rows(mb)
                inb = [r for r in rows if r["direction"] == "inbound"]
                internal = [r for r in rows if r["direction"] == "internal"]
                every["inbound"] += inb
                every["internal"] += internal
                holds += [(mb, r) for r in rows
                          if r["action"] in STOP and r["direction"] in ("inbound", "internal")]
            hi, ti, _ = counts(inb)
            hn, tn, _ = counts(internal)
            print("| %s | %d | %s | %s | %s | %d | %s | %s | %s |" % (
                "**all**" if mb == "all" else mb, len(inb), pct(hi, len(inb)), pct(ti, len(inb)), med(inb),
                len(internal), pct(hn, len(internal)), pct(tn, len(internal)), med(internal)))
        print()
        self.print_holds(holds_title, holds, mailboxes)
