#!/usr/bin/env python3
"""Tabulates blind3's replays as Markdown.

usage: tabulate.py GEN RESULTS [--commit TEXT]
  GEN: gen.py's output (manifest.jsonl says what each injected message is,
  legit.jsonl what the archive's own mail is); RESULTS: MAILBOX.ENVELOPE.jsonl,
  the JSON lines of `rapportctl --json replay`, ENVELOPE "owner" (replayed
  with --delivered-to the mailbox's owner) or "archived" (without).

Prints per family held / tagged / delivered and the median score (the
owner's envelope, and held as archived); the scenarios; the legitimate
figures for each envelope; and every legitimate message held (From,
subject, score, signals). Never an attack's own line: the set stays blind
for whoever tunes.
"""
import argparse
import collections
import json
import os
import statistics
import sys

STOPPED = {"hold", "reject"}
ENVELOPES = [("owner", "as its owner's (--delivered-to OWNER)"), ("archived", "as archived")]
FAMILY_ORDER = ["masked-link", "hijack-participant", "hijack-outsider", "bcc-new-sender",
                "vendor-new-platform", "new-tenant", "registrable-lookalike", "cloud-token",
                "lateral"]
FAMILY_TEXT = {
    "masked-link": "masked link from a known sender",
    "hijack-participant": "thread hijack by a participant",
    "hijack-outsider": "thread hijack by an outsider",
    "bcc-new-sender": "BCC from a new sender to several staff",
    "vendor-new-platform": "known vendor sharing a first-seen file-share platform",
    "new-tenant": "new tenant on a familiar platform",
    "registrable-lookalike": "registrable look-alike of a known correspondent",
    "cloud-token": "look-alike token in a cloud-storage host/path, known sender",
    "lateral": "lateral phishing, compromised internal account to 20-40 colleagues",
}


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def median(values):
    return "%g" % statistics.median(values) if values else "-"


def counts(rows):
    held = sum(r["action"] in STOPPED for r in rows)
    tagged = sum(r["action"] == "tag" for r in rows)
    return held, tagged, len(rows) - held - tagged


def cell(part, whole):
    return "%d (%.2f%%)" % (part, 100.0 * part / whole) if whole else "0"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("gen")
    parser.add_argument("results")
    parser.add_argument("--commit", default="")
    args = parser.parse_args()
    manifest = load(os.path.join(args.gen, "manifest.jsonl"))
    legit = {(r["mailbox"], r["message_id"]): r for r in load(os.path.join(args.gen, "legit.jsonl"))}
    injected = {(r["mailbox"], r["message_id"]): r for r in manifest}
    mailboxes = sorted({r["mailbox"] for r in manifest} | {k[0] for k in legit})
    verdicts = {}  # envelope -> (mailbox, message_id) -> row
    for envelope, _ in ENVELOPES:
        verdicts[envelope] = {}
        for mailbox in mailboxes:
            for row in load(os.path.join(args.results, "%s.%s.jsonl" % (mailbox, envelope))):
                verdicts[envelope][(mailbox, row["message_id"])] = row
    missing = [k for k in injected if any(k not in verdicts[e] for e, _ in ENVELOPES)]
    if missing:
        sys.exit("tabulate.py: %d injected messages have no verdict (first: %s/%s)" %
                 (len(missing), *missing[0]))

    print("# blind3: a third evaluation, built blind")
    print()
    if args.commit:
        print("rapportctl: %s" % args.commit)
        print()
    print("## Attacks (%d), each mailbox replayed as its owner's; last column as archived" %
          sum(r["kind"] == "attack" for r in manifest))
    print()
    print("| family | n | held | tagged | delivered | median score | held as archived |")
    print("|---|---|---|---|---|---|---|")
    total = [0, 0, 0, 0, 0]
    for family in FAMILY_ORDER:
        keys = [k for k, r in injected.items() if r["kind"] == "attack" and r["family"] == family]
        rows = [verdicts["owner"][k] for k in keys]
        held, tagged, delivered = counts(rows)
        held_archived = counts([verdicts["archived"][k] for k in keys])[0]
        print("| %s | %d | %s | %s | %s | %s | %s |" % (
            FAMILY_TEXT[family], len(rows), cell(held, len(rows)), cell(tagged, len(rows)),
            cell(delivered, len(rows)), median([r["score"] for r in rows]),
            cell(held_archived, len(rows))))
        for i, v in enumerate((len(rows), held, tagged, delivered, held_archived)):
            total[i] += v
    print("| **all families** | %d | %s | %s | %s | | %s |" % (
        total[0], cell(total[1], total[0]), cell(total[2], total[0]),
        cell(total[3], total[0]), cell(total[4], total[0])))

    print()
    print("## Scenarios")
    for envelope, what in ENVELOPES:
        print()
        adopters = sorted((r for r in manifest if r["kind"] == "adoption"),
                          key=lambda r: r["position"])
        line = []
        for r in adopters:
            v = verdicts[envelope][(r["mailbox"], r["message_id"])]
            line.append("%d:%s %d" % (r["position"], v["action"], v["score"]))
        orgs = len({r["organisation"] for r in adopters})
        held_after = sum(verdicts[envelope][(r["mailbox"], r["message_id"])]["action"] in STOPPED
                         for r in adopters if r["position"] > 3)
        print("- %s: adoption, %d established partners of %d organisations start linking one "
              "new platform within two weeks (position:action score): %s. Held after the 3rd "
              "adopter: %d." % (what, len(adopters), orgs, ", ".join(line), held_after))
        vendor = [verdicts[envelope][(r["mailbox"], r["message_id"])]
                  for r in manifest if r["kind"] == "vendor"]
        held, tagged, delivered = counts(vendor)
        print("- %s: compromised vendor repeating one link to %d colleagues: held %d, tagged %d, "
              "delivered %d." % (what, len(vendor), held, tagged, delivered))
        setup = [verdicts[envelope][(r["mailbox"], r["message_id"])]
                 for r in manifest if r["kind"] == "setup"]
        held, tagged, delivered = counts(setup)
        print("- %s: the new-tenant family's legitimate setup mail (established correspondents "
              "linking their own tenants): %d messages, held %d, tagged %d." %
              (what, len(setup), held, tagged))

    print()
    print("## Legitimate mail (the archive's own)")
    print()
    print("| envelope | mailbox | inbound | held | tagged | known-correspondent median "
          "(n) | internal | held | tagged |")
    print("|---|---|---|---|---|---|---|---|---|")
    holds = {}
    for envelope, what in ENVELOPES:
        holds[envelope] = []
        sums = collections.Counter()
        known_all = []
        for mailbox in mailboxes + ["all"]:
            if mailbox == "all":
                inbound_h, inbound_t, internal_h, internal_t = (
                    sums["ih"], sums["it"], sums["nh"], sums["nt"])
                n_in, n_int, known = sums["in"], sums["int"], known_all
            else:
                rows = [(k, v) for k, v in verdicts[envelope].items()
                        if k[0] == mailbox and k not in injected]
                inbound = [(k, v) for k, v in rows if v["direction"] == "inbound"]
                internal = [(k, v) for k, v in rows if v["direction"] == "internal"]
                inbound_h, inbound_t, _ = counts([v for _, v in inbound])
                internal_h, internal_t, _ = counts([v for _, v in internal])
                n_in, n_int = len(inbound), len(internal)
                known = [v["score"] for k, v in inbound if legit.get(k, {}).get("established")]
                known_all.extend(known)
                for name, value in (("ih", inbound_h), ("it", inbound_t), ("nh", internal_h),
                                    ("nt", internal_t), ("in", n_in), ("int", n_int)):
                    sums[name] += value
                for k, v in sorted(rows, key=lambda kv: (kv[1]["date"], kv[0][1])):
                    if v["action"] in STOPPED and v["direction"] in ("inbound", "internal"):
                        holds[envelope].append((mailbox, k, v))
            print("| %s | %s | %d | %s | %s | %s (%d) | %d | %s | %s |" % (
                what if mailbox == mailboxes[0] else "", "**%s**" % mailbox if mailbox == "all"
                else mailbox, n_in, cell(inbound_h, n_in), cell(inbound_t, n_in), median(known),
                len(known), n_int, cell(internal_h, n_int), cell(internal_t, n_int)))

    for envelope, what in ENVELOPES:
        print()
        print("### Every legitimate message held, %s: %d" % (what, len(holds[envelope])))
        if not holds[envelope]:
            continue
        print()
        print("| mailbox | date | direction | from | subject | score | signals |")
        print("|---|---|---|---|---|---|---|")
        for mailbox, k, v in holds[envelope]:
            subject = legit.get(k, {}).get("subject", "").replace("|", "/")
            print("| %s | %s | %s | %s | %s | %d | %s |" % (
                mailbox, v["date"][:10], v["direction"], v["from"], subject, v["score"],
                " + ".join(sorted(v["signals"]))))


if __name__ == "__main__":
    main()
