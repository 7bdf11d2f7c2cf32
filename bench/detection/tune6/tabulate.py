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
import os
import re
import sys

# The sets over the owned mailboxes read their replays the same way.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from owned_tabulation import (  # noqa: E402
    STOP, Replays, arguments, counts, line, med, pct, print_heading)

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


def weights(row):
    """The signals of one replay line, each with the weight its evidence text names, if any."""
    out = []
    ev = row.get("evidence") or {}
    for s in row.get("signals", []):
        m = re.search(r"weight x([0-9.]+)", ev.get(s, ""))
        out.append("%s(x%s)" % (s, m.group(1)) if m else s)
    return " + ".join(out) or "-"


def main():
    a = arguments("--show-missed")
    replays = Replays(a.gen, a.results, MAILBOXES)
    manifest = replays.manifest
    v = replays.verdict

    def verdicts(recs):
        return [v[(r["mailbox"], r["message_id"])] for r in recs]

    def by_variant(families, records):
        for fam, text, keys in families:
            rs = [r for r in records if r["family"] == fam]
            print()
            print("### %s, by variant" % text)
            print()
            print(HEAD % "variant = value")
            for key in keys:
                for val in sorted({str(r.get(key)) for r in rs}):
                    print(line("%s = %s" % (key, val), verdicts([r for r in rs if str(r.get(key)) == val])))

    print_heading("tune6: a tuning detection set (first-contact blind copy, lateral, look-alike)", a.build)
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
    by_variant(ATTACKS, attacks)

    print()
    print("## Controls (%d, legitimate: a held control is a false positive)" % len(controls))
    print()
    print(HEAD % "kind")
    for fam, text, _ in CONTROLS:
        print(line(text, verdicts([r for r in controls if r["family"] == fam])))
    print(line("**all controls**", verdicts(controls)))
    by_variant(CONTROLS, controls)

    print()
    print("## The archive's own mail (the five mailboxes, injected messages excluded)")
    print()
    replays.print_archive(MAILBOXES, "Every legitimate message of the archive held")

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
