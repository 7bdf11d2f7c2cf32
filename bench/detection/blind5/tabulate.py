#!/usr/bin/env python3
"""Tabulates blind5's replays as Markdown.

usage: tabulate.py GEN RESULTS [--build TEXT]
  GEN: gen.py's output (manifest.jsonl: every injected message; legit.jsonl:
  the archive's own messages); RESULTS: NAME.jsonl, the JSON lines of
  `rapportctl --json replay --delivered-to OWNER` for each generated mailbox.

Prints per family (and per variant) n / held / tagged / delivered / median
score, the two scenarios, the tenant family's setup mail apart, the
archive's own legitimate mail per mailbox and every legitimate message held.
Never an injected attack's own line. "held" counts hold and reject.
"""
import os
import sys

# The sets over the owned mailboxes read their replays the same way.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from owned_tabulation import STOP, Replays, arguments, counts, line, med, print_heading  # noqa: E402

MAILBOXES = ["beck-s", "farmer-d", "kaminski-v", "lokay-m", "williams-w3"]
SCENARIOS = ["scen-adopt", "scen-bucket"]
FAMILIES = [
    ("masked", "1. masked link, established correspondent"),
    ("hijack-part", "2. thread hijack by a participant"),
    ("hijack-out", "3. thread hijack by an outsider"),
    ("bcc-first", "4. first contact, staff in BCC, document link"),
    ("share-new", "5. established correspondent, file-share platform new here"),
    ("tenant-new", "6. established correspondent, new tenant of a familiar platform"),
    ("lookalike", "7. registrable look-alike of a correspondent's domain"),
    ("cloud-token", "8. look-alike token in cloud storage, established sender"),
    ("lateral", "9. lateral phishing, compromised internal account, 15-40 colleagues"),
]
VARIANTS = [("style", "lure style"), ("format", "body format"), ("window", "time window")]


def window(r):
    f = r["fraction"]
    return "first third" if f < 0.33 else "middle" if f < 0.66 else "last third"


def main():
    a = arguments()
    replays = Replays(a.gen, a.results, MAILBOXES + SCENARIOS)
    manifest = replays.manifest
    v = replays.verdict

    def verdicts(recs):
        return [v[(r["mailbox"], r["message_id"])] for r in recs]

    print_heading("blind5: an independent, blind detection evaluation", a.build)
    attacks = [r for r in manifest if r["kind"] == "attack"]
    for r in attacks:
        r["window"] = window(r)
    print("## Attacks (%d): each mailbox replayed from an empty store as its owner's "
          "(`replay --json --delivered-to OWNER`, default config, local_domains = enron.com)" % len(attacks))
    print()
    print("\"held\" = hold or reject. No attack's own line is printed.")
    print()
    print("| family | n | held | tagged | delivered | median score |")
    print("|---|---|---|---|---|---|")
    for fam, text in FAMILIES:
        print(line(text, verdicts([r for r in attacks if r["family"] == fam])))
    print(line("**all families**", verdicts(attacks)))
    print()
    print("### By mailbox (all families)")
    print()
    print("| mailbox | n | held | tagged | delivered | median score |")
    print("|---|---|---|---|---|---|")
    for mb in MAILBOXES:
        print(line(mb, verdicts([r for r in attacks if r["mailbox"] == mb])))
    for key, text in VARIANTS:
        print()
        print("### All families by %s" % text)
        print()
        print("| %s | n | held | tagged | delivered | median score |" % text)
        print("|---|---|---|---|---|---|")
        for val in sorted({r[key] for r in attacks}):
            print(line(val, verdicts([r for r in attacks if r[key] == val])))
    print()
    print("### Variants within families")
    print()
    print("| family: variant | n | held | tagged | delivered | median score |")
    print("|---|---|---|---|---|---|")
    for fam, key in [("hijack-out", "display_name_reused"), ("bcc-first", "to_field"), ("share-new", "platform"),
                     ("tenant-new", "platform"), ("lookalike", "method"), ("cloud-token", "cloud"),
                     ("lateral", "style")]:
        rs = [r for r in attacks if r["family"] == fam]
        for val in sorted({str(r.get(key)) for r in rs}):
            label = "%s: %s=%s" % (fam, key, val)
            print(line(label, verdicts([r for r in rs if str(r.get(key)) == val])))

    print()
    print("## Scenarios (separate copies of one mailbox each)")
    print()
    ad = sorted((r for r in manifest if r["kind"] == "adoption"), key=lambda r: r["position"])
    if ad:
        print("### (a) legitimate adoption (%s copy): %d established correspondents of %d organisations "
              "start linking %s within two weeks" % (ad[0]["source"], len(ad), len({r["organisation"] for r in ad}),
                                                     ad[0]["platform"]))
        print()
        print("| adopter rank | action | score |")
        print("|---|---|---|")
        for r in ad:
            x = v[(r["mailbox"], r["message_id"])]
            print("| %d | %s | %d |" % (r["position"], x["action"], x["score"]))
        after = sum(v[(r["mailbox"], r["message_id"])]["action"] in STOP for r in ad if r["position"] > 3)
        print()
        print("held after the 3rd adopter: %d" % after)
        print()
    vd = [r for r in manifest if r["kind"] == "vendor"]
    if vd:
        rows = verdicts(vd)
        h, t, d = counts(rows)
        own = [v[(r["mailbox"], r["message_id"])]["action"] for r in vd if r["owner_copy"]]
        print("### (b) compromised vendor (%s copy): one established correspondent sends one cloud-bucket "
              "link (r2.dev) to %d recipients, one message each, over three days" % (vd[0]["source"], len(vd)))
        print()
        print("held %d, tagged %d, delivered %d, median score %s; the owner's own copy: %s." % (
            h, t, d, med(rows), ", ".join(own) or "-"))
        order = [v[(r["mailbox"], r["message_id"])]["action"] for r in sorted(vd, key=lambda r: r["recipient_rank"])]
        print("By order of sending, first 10 / last 10: held %d / %d, tagged %d / %d." % (
            sum(x in STOP for x in order[:10]), sum(x in STOP for x in order[-10:]),
            order[:10].count("tag"), order[-10:].count("tag")))
        print()
    su = [r for r in manifest if r["kind"] == "setup"]
    if su:
        print("## Setup mail of family 6 (legitimate, reported apart)")
        print()
        print("Established correspondents linking their own organisation's tenant of a platform, "
              "2-4 weeks before each family-6 attack.")
        print()
        print("| setup mail | n | held | tagged | delivered | median score |")
        print("|---|---|---|---|---|---|")
        print(line("all", verdicts(su)))
        for plat in sorted({r["platform"] for r in su}):
            print(line(plat, verdicts([r for r in su if r["platform"] == plat])))
        print()

    print("## Legitimate mail (the archive's own, in the five main copies)")
    print()
    replays.print_archive(MAILBOXES, "Every legitimate message held")


if __name__ == "__main__":
    main()
