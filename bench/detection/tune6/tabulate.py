#!/usr/bin/env python3
"""Tabulates tune6's replays as Markdown.

usage: tabulate.py GEN RESULTS [--build TEXT] [--show-missed]
  GEN: gen.py's output (manifest.jsonl: every injected message; legit.jsonl:
  the archive's own messages); RESULTS: MAILBOX.jsonl, the JSON lines of
  `rapportctl --json replay --delivered-to OWNER` for each owned mailbox.

Prints per family and per variant value n / held / tagged / delivered /
median score, the controls per kind, the archive's own mail and every one
of its messages held. With --show-missed (tune6 is a tuning set: its misses
may be read), one line per attack not held and per control held or
tagged: mailbox, family, variants, verdict, score, the signals replay
reported (with the weight its evidence names), the subject and the link
hosts. "held" counts hold and reject.
"""
import argparse
import os
import re
import sys

# blind4's tabulation reads replay lines the same way: load, counts (held =
# hold or reject, tagged, delivered) and med are its.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "blind4"))
from tabulate import STOP, counts, load, med  # noqa: E402

MAILBOXES = ["beck-s", "farmer-d", "kaminski-v", "lokay-m", "williams-w3"]
ATTACKS = [
    ("bcc1", "1. first-contact stranger, one reader here as a blind copy",
     ["sender_kind", "link", "theme", "to_shape", "format"]),
    ("lateral", "2. lateral phishing from a compromised enron.com colleague",
     ["history", "n_bucket", "field", "link", "thread", "theme", "format"]),
    ("lookalike", "3. registrable look-alike of a both-way correspondent's domain",
     ["technique", "reuse", "link", "established_by", "format"]),
]
CONTROLS = [
    ("ctl-bulletin", "(a) first-contact newsletters, events, promotions to one reader not in To/Cc",
     ["control_kind", "to_shape", "links", "format"]),
    ("ctl-internal", "(b) colleague announcements linking a new site; a colleague sharing a Google Doc",
     ["control_kind", "field", "format"]),
    ("ctl-domain", "(c) a correspondent's sister domain; a new domain resembling a known one by chance",
     ["control_kind", "established_by", "format"]),
]
HEAD = "| %s | n | held | tagged | delivered | median score |\n|---|---|---|---|---|---|"


def pct(a, n):
    return "%d (%.0f%%)" % (a, 100.0 * a / n) if n else "0"


def line(label, rows):
    h, t, d = counts(rows)
    n = len(rows)
    return "| %s | %d | %s | %s | %s | %s |" % (label, n, pct(h, n), pct(t, n), pct(d, n), med(rows))


def weights(row):
    """The signals of one replay line, each with the weight its evidence text names, if any."""
    out = []
    ev = row.get("evidence") or {}
    for s in row.get("signals", []):
        m = re.search(r"weight x([0-9.]+)", ev.get(s, ""))
        out.append("%s(x%s)" % (s, m.group(1)) if m else s)
    return " + ".join(out) or "-"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gen")
    ap.add_argument("results")
    ap.add_argument("--build", default="")
    ap.add_argument("--show-missed", action="store_true")
    a = ap.parse_args()
    manifest = load(os.path.join(a.gen, "manifest.jsonl"))
    subjects = {}
    for r in load(os.path.join(a.gen, "legit.jsonl")):
        subjects.setdefault((r["mailbox"], r["message_id"]), r["subject"])
    injected = {(r["mailbox"], r["message_id"]) for r in manifest}
    v = {}
    rows_of = {}
    for name in MAILBOXES:
        rows_of[name] = load(os.path.join(a.results, name + ".jsonl"))
        for row in rows_of[name]:
            if (name, row["message_id"]) in injected:
                v[(name, row["message_id"])] = row
    missing = [k for k in injected if k not in v]
    if missing:
        sys.exit("tabulate.py: %d injected messages have no verdict" % len(missing))

    def verdicts(recs):
        return [v[(r["mailbox"], r["message_id"])] for r in recs]

    print("# tune6: a tuning detection set (first-contact blind copy, lateral, look-alike)")
    print()
    if a.build:
        print("rapportctl: %s" % a.build)
        print()
    attacks = [r for r in manifest if r["kind"] == "attack"]
    controls = [r for r in manifest if r["kind"] == "control"]
    print("## Attacks (%d): each mailbox replayed from an empty store as its owner's "
          "(`replay --json --delivered-to OWNER`, default config, local_domains = enron.com)" % len(attacks))
    print()
    print("\"held\" = hold or reject.")
    print()
    print(HEAD % "family")
    for fam, text, _ in ATTACKS:
        print(line(text, verdicts([r for r in attacks if r["family"] == fam])))
    print(line("**all attacks**", verdicts(attacks)))
    print()
    print("### By mailbox")
    print()
    print("| mailbox | attacks n | held | tagged | delivered | median | controls n | held | tagged | median |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for mb in MAILBOXES:
        ar = verdicts([r for r in attacks if r["mailbox"] == mb])
        cr = verdicts([r for r in controls if r["mailbox"] == mb])
        h, t, d = counts(ar)
        ch, ct, _ = counts(cr)
        print("| %s | %d | %s | %s | %s | %s | %d | %s | %s | %s |" % (
            mb, len(ar), pct(h, len(ar)), pct(t, len(ar)), pct(d, len(ar)), med(ar),
            len(cr), pct(ch, len(cr)), pct(ct, len(cr)), med(cr)))
    for fam, text, keys in ATTACKS:
        rs = [r for r in attacks if r["family"] == fam]
        print()
        print("### %s, by variant" % text)
        print()
        print(HEAD % "variant = value")
        for key in keys:
            for val in sorted({str(r.get(key)) for r in rs}):
                print(line("%s = %s" % (key, val), verdicts([r for r in rs if str(r.get(key)) == val])))

    print()
    print("## Controls (%d, legitimate: a held control is a false positive)" % len(controls))
    print()
    print(HEAD % "kind")
    for fam, text, _ in CONTROLS:
        print(line(text, verdicts([r for r in controls if r["family"] == fam])))
    print(line("**all controls**", verdicts(controls)))
    for fam, text, keys in CONTROLS:
        rs = [r for r in controls if r["family"] == fam]
        print()
        print("### %s, by variant" % text)
        print()
        print(HEAD % "variant = value")
        for key in keys:
            for val in sorted({str(r.get(key)) for r in rs}):
                print(line("%s = %s" % (key, val), verdicts([r for r in rs if str(r.get(key)) == val])))

    print()
    print("## The archive's own mail (the five mailboxes, injected messages excluded)")
    print()
    print("| mailbox | inbound n | held | tagged | median | internal n | held | tagged | median |")
    print("|---|---|---|---|---|---|---|---|---|")
    T = {"in": [], "int": []}
    holds = []
    for mb in MAILBOXES + ["all"]:
        if mb == "all":
            inb, internal = T["in"], T["int"]
        else:
            rows = [r for r in rows_of[mb] if (mb, r["message_id"]) not in injected]
            inb = [r for r in rows if r["direction"] == "inbound"]
            internal = [r for r in rows if r["direction"] == "internal"]
            T["in"] += inb
            T["int"] += internal
            holds += [(mb, r) for r in inb + internal if r["action"] in STOP]
        hi, ti, _ = counts(inb)
        hn, tn, _ = counts(internal)
        print("| %s | %d | %s | %s | %s | %d | %s | %s | %s |" % (
            "**all**" if mb == "all" else mb, len(inb), pct(hi, len(inb)), pct(ti, len(inb)), med(inb),
            len(internal), pct(hn, len(internal)), pct(tn, len(internal)), med(internal)))
    print()
    print("### Every legitimate message of the archive held: %d" % len(holds))
    if holds:
        print()
        print("| mailbox | date | direction | from | subject | score | signals |")
        print("|---|---|---|---|---|---|---|")
        for mb, r in sorted(holds, key=lambda mr: (MAILBOXES.index(mr[0]), mr[1]["date"])):
            subject = subjects.get((mb, r["message_id"]), "").replace("|", "/")
            print("| %s | %s | %s | %s | %s | %d | %s |" % (
                mb, r["date"][:10], r["direction"], r["from"], subject, r["score"],
                " + ".join(r["signals"])))

    if a.show_missed:
        keys_of = {fam: keys for fam, _, keys in ATTACKS + CONTROLS}
        print()
        print("## Attacks not held, controls held or tagged")
        print()
        print("| mailbox | family | variants | verdict | score | signals | subject | link hosts |")
        print("|---|---|---|---|---|---|---|---|")
        for r in sorted(manifest, key=lambda r: (r["kind"], r["family"], r["mailbox"], r["serial"])):
            x = v[(r["mailbox"], r["message_id"])]
            if r["kind"] == "attack" and x["action"] in STOP:
                continue
            if r["kind"] == "control" and x["action"] not in STOP and x["action"] != "tag":
                continue
            var = ", ".join("%s=%s" % (k, r.get(k)) for k in keys_of[r["family"]])
            print("| %s | %s | %s | %s | %d | %s | %s | %s |" % (
                r["mailbox"], r["family"], var, x["action"], x["score"], weights(x),
                r["subject"].replace("|", "/"), ", ".join(r.get("link_hosts") or []) or "-"))


if __name__ == "__main__":
    main()
