#!/usr/bin/env python3
"""Tabulates blind4's replays as Markdown.

usage: tabulate.py GEN RESULTS [--build TEXT]
  GEN: gen.py's output (manifest.jsonl: every injected message; legit.jsonl:
  the archive's own messages); RESULTS: NAME.jsonl, the JSON lines of
  `rapportctl --json replay --delivered-to OWNER` for each generated mailbox.

Prints per family n / held / tagged / delivered / median score, the
scenarios, the new-tenant setup mail, the legitimate figures and every
legitimate message held. Never an injected attack's own line.
"""
import os
import sys

# The sets over the owned mailboxes read their replays the same way.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from owned_tabulation import STOP, arguments, counts, load, med, print_heading  # noqa: E402

MAILBOXES = ["beck-s", "farmer-d", "kaminski-v", "lokay-m", "williams-w3"]
FAMILIES = [
    ("masked", "1. masked link from an established correspondent"),
    ("hijack-in", "2. thread hijack by a participant"),
    ("hijack-out", "3. thread hijack by an outsider"),
    ("bcc-new", "4. BCC from a new sender's organisation"),
    ("vendor-platform", "5. established correspondent, first-seen file-share platform"),
    ("new-tenant", "6. established correspondent, new tenant on a familiar platform"),
    ("lookalike", "7. registrable look-alike of a correspondent's domain"),
    ("cloud-token", "8. look-alike token in a cloud-storage host/path, established sender"),
    ("lateral", "9. lateral phishing from a compromised internal account (20-40 colleagues)"),
]


def pct(a, n):
    return "%d (%.1f%%)" % (a, 100.0 * a / n) if n else "0"


def main():
    a = arguments()
    manifest = load(os.path.join(a.gen, "manifest.jsonl"))
    legit = {(r["mailbox"], r["message_id"]): r for r in load(os.path.join(a.gen, "legit.jsonl"))}
    injected = {(r["mailbox"], r["message_id"]): r for r in manifest}
    v = {}
    for name in MAILBOXES + ["scen-adoption", "scen-vendor"]:
        for row in load(os.path.join(a.results, name + ".jsonl")):
            v[(name, row["message_id"])] = row
    missing = [k for k in injected if k not in v]
    if missing:
        sys.exit("tabulate.py: %d injected messages have no verdict" % len(missing))

    print_heading("blind4: an independent detection evaluation", a.build)
    attacks = [r for r in manifest if r["kind"] == "attack"]
    print("## Attacks (%d), each mailbox replayed from an empty store as its owner's "
          "(`--delivered-to OWNER`)" % len(attacks))
    print()
    print("| family | n | held | tagged | delivered | median score |")
    print("|---|---|---|---|---|---|")
    tot = []
    for fam, text in FAMILIES:
        rows = [v[(r["mailbox"], r["message_id"])] for r in attacks if r["family"] == fam]
        tot += rows
        h, t, d = counts(rows)
        print("| %s | %d | %s | %s | %s | %s |" % (text, len(rows), pct(h, len(rows)),
                                                  pct(t, len(rows)), pct(d, len(rows)), med(rows)))
    h, t, d = counts(tot)
    print("| **all families** | %d | %s | %s | %s | %s |" % (len(tot), pct(h, len(tot)),
                                                           pct(t, len(tot)), pct(d, len(tot)), med(tot)))
    print()
    print("By mailbox (all families): " + "; ".join(
        "%s %d/%d held, %d tagged" % ((mb,) + (counts([v[(r['mailbox'], r['message_id'])] for r in attacks
                                                        if r["mailbox"] == mb])[0],
                                               sum(r["mailbox"] == mb for r in attacks),
                                               counts([v[(r['mailbox'], r['message_id'])] for r in attacks
                                                       if r["mailbox"] == mb])[1]))
        for mb in MAILBOXES))
    lat = [r for r in attacks if r["family"] == "lateral"]
    if lat:
        by = {}
        for r in lat:
            by.setdefault(r["shape"], []).append(v[(r["mailbox"], r["message_id"])])
        print()
        print("Lateral by format: " + "; ".join(
            "%s n=%d held %d tagged %d median %s" % ((s, len(rs)) + counts(rs)[:2] + (med(rs),))
            for s, rs in sorted(by.items())))
    look = [r for r in attacks if r["family"] == "lookalike"]
    if look:
        by = {}
        for r in look:
            by.setdefault(r["method"], []).append(v[(r["mailbox"], r["message_id"])])
        print()
        print("Look-alike by method: " + "; ".join(
            "%s n=%d held %d tagged %d" % ((s, len(rs)) + counts(rs)[:2]) for s, rs in sorted(by.items())))

    print()
    print("## Scenarios (separate copies of one mailbox each)")
    print()
    ad = sorted((r for r in manifest if r["kind"] == "adoption"), key=lambda r: r["position"])
    if ad:
        line = ", ".join("%d:%s %d" % (r["position"], v[(r["mailbox"], r["message_id"])]["action"],
                                       v[(r["mailbox"], r["message_id"])]["score"]) for r in ad)
        after = sum(v[(r["mailbox"], r["message_id"])]["action"] in STOP for r in ad if r["position"] > 3)
        print("- (a) adoption (legitimate; %s): %d established correspondents of %d organisations start "
              "linking one new file-transfer platform within two weeks; rank:action score: %s. "
              "Held after the 3rd adopter: %d." % (ad[0]["source"], len(ad),
                                                   len({r["organisation"] for r in ad}), line, after))
    vd = [r for r in manifest if r["kind"] == "vendor"]
    if vd:
        rows = [v[(r["mailbox"], r["message_id"])] for r in vd]
        h, t, d = counts(rows)
        first = [v[(r["mailbox"], r["message_id"])]["action"] for r in sorted(vd, key=lambda r: r["recipient_rank"])]
        print("- (b) compromised vendor (attack; %s): one established correspondent sends one cloud-bucket "
              "link to %d colleagues, one message each: held %d, tagged %d, delivered %d, median %s; "
              "held among the first 5 / last 5: %d / %d." % (
                  vd[0]["source"], len(vd), h, t, d, med(rows),
                  sum(x in STOP for x in first[:5]), sum(x in STOP for x in first[-5:])))
    su = [r for r in manifest if r["kind"] == "setup"]
    if su:
        rows = [v[(r["mailbox"], r["message_id"])] for r in su]
        h, t, d = counts(rows)
        print("- new-tenant family's legitimate setup mail (established correspondents linking their "
              "own organisation's tenant, before the attacks): %d messages: held %d, tagged %d, "
              "delivered %d, median %s." % (len(rows), h, t, d, med(rows)))

    print()
    print("## Legitimate mail (the archive's own, in the five main copies)")
    print()
    print("| mailbox | inbound | held | tagged | median | internal | held | tagged |")
    print("|---|---|---|---|---|---|---|---|")
    holds = []
    T = {"in": [], "int": []}
    for mb in MAILBOXES + ["all"]:
        if mb == "all":
            inb, internal = T["in"], T["int"]
        else:
            rows = [(k, r) for k, r in v.items() if k[0] == mb and k not in injected]
            inb = [r for _, r in rows if r["direction"] == "inbound"]
            internal = [r for _, r in rows if r["direction"] == "internal"]
            T["in"] += inb
            T["int"] += internal
            for k, r in sorted(rows, key=lambda kr: (kr[1]["date"], kr[0][1])):
                if r["action"] in STOP and r["direction"] in ("inbound", "internal"):
                    holds.append((mb, k, r))
        hi, ti, _ = counts(inb)
        hn, tn, _ = counts(internal)
        print("| %s | %d | %s | %s | %s | %d | %s | %s |" % (
            "**all**" if mb == "all" else mb, len(inb), pct(hi, len(inb)), pct(ti, len(inb)), med(inb),
            len(internal), pct(hn, len(internal)), pct(tn, len(internal))))
    print()
    print("### Every legitimate message held: %d" % len(holds))
    if holds:
        print()
        print("| mailbox | date | direction | from | subject | score | signals |")
        print("|---|---|---|---|---|---|---|")
        for mb, k, r in holds:
            subj = legit.get(k, {}).get("subject", "").replace("|", "/")
            print("| %s | %s | %s | %s | %s | %d | %s |" % (mb, r["date"][:10], r["direction"], r["from"],
                                                           subj, r["score"], " + ".join(sorted(r["signals"]))))


if __name__ == "__main__":
    main()
