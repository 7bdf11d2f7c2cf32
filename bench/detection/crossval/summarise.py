#!/usr/bin/env python3
"""Tabulates a cross-validation replay against the generator's manifest.

usage: summarise.py MANIFEST RESULTS
  MANIFEST  manifest.jsonl written by crossval_gen.py
  RESULTS   the JSON lines of `rapportctl --json replay` on replay.mbox

Prints Markdown in real_mail's shape (set, kind, n, held, tagged, delivered
untagged, tagged or held): per family its attacks (kind attack) and its
controls (kind legit); the corpus's own inbound and internal mail; then the
known-correspondent median score, the adoption scenario (held by adopter
rank; none should be held after the third) and the compromised vendor (all
40 should be held). Per-family numbers only: no message is listed. A replay
line whose Message-ID the manifest does not name is counted as unknown and
reported, as is a manifest line with no replay line.
"""
import collections
import json
import statistics
import sys

STOPPED = {"hold", "reject"}
FAMILIES = [
    ("masked_link", "masked link from a known sender"),
    ("hijack_participant", "thread hijack by a participant"),
    ("hijack_outsider", "thread hijack by an outsider"),
    ("bcc_new_sender", "BCC from a new sender"),
    ("vendor_new_platform", "known vendor, first-seen file-share platform"),
    ("new_tenant", "new tenant on a familiar platform"),
    ("registrable_lookalike", "registrable look-alike of a correspondent"),
    ("cloud_token", "look-alike token in cloud storage, known sender"),
    ("lateral", "lateral phishing, compromised internal account"),
]


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def pct(part, whole):
    return "%d (%.1f%%)" % (part, 100.0 * part / whole) if whole else "0"


def tally(rows):
    n = len(rows)
    held = sum(r["action"] in STOPPED for r in rows)
    tagged = sum(r["action"] == "tag" for r in rows)
    return n, held, tagged


def row(name, kind, rows):
    n, held, tagged = tally(rows)
    return "| %s | %s | %d | %s | %s | %s | %s |" % (
        name, kind, n, pct(held, n), pct(tagged, n), pct(n - held - tagged, n), pct(held + tagged, n))


def summarise(manifest, results, out):
    what = {}
    for m in manifest:
        what.setdefault(m["message_id"], m)
    groups = collections.defaultdict(list)
    unknown = 0
    seen = set()
    for r in results:
        m = what.get(r["message_id"])
        if m is None:
            unknown += 1
            continue
        seen.add(r["message_id"])
        if m["set"] in ("attack", "control"):
            groups[(m["set"], m["family"])].append(r)
        elif m["set"] == "corpus":
            groups[("corpus", m["kind"])].append(r)
            if m["kind"] == "inbound" and m["known"]:
                groups[("corpus", "known")].append(r)
        else:
            groups[(m["set"], "")].append(dict(r, _what=m))
    missing = sum(1 for mid, m in what.items() if m["set"] != "seed" and mid not in seen)

    out.write("| set | kind | n | held | tagged | delivered untagged | tagged or held |\n")
    out.write("|---|---|---|---|---|---|---|\n")
    attacks = []
    for family, label in FAMILIES:
        attacks += groups[("attack", family)]
        out.write(row(label, "attack", groups[("attack", family)]) + "\n")
    out.write(row("ALL attacks", "attack", attacks) + "\n")
    controls = []
    for family, label in FAMILIES:
        controls += groups[("control", family)]
        out.write(row(label + " (control)", "legit", groups[("control", family)]) + "\n")
    out.write(row("ALL controls", "legit", controls) + "\n")
    out.write(row("Enron inbound", "legit", groups[("corpus", "inbound")]) + "\n")
    out.write(row("Enron internal", "legit", groups[("corpus", "internal")]) + "\n")
    out.write(row("compromised vendor, one link repeated", "attack", groups[("vendor40", "")]) + "\n")
    out.write(row("adoption of one new platform", "legit", groups[("adoption", "")]) + "\n")

    known = [r["score"] for r in groups[("corpus", "known")]]
    out.write("\nknown-correspondent median score: %s (%d inbound messages from known correspondents)\n"
              % (statistics.median(known) if known else "n/a", len(known)))
    adoption = groups[("adoption", "")]
    by_rank = collections.defaultdict(list)
    for r in adoption:
        by_rank[r["_what"]["adopter"]].append(r["action"])
    ranks = sorted(by_rank)
    organisations = {r["_what"]["organisation"] for r in adoption}
    out.write("adoption: %d adopters in %d organisations; held by adopter rank: %s\n" % (
        len(ranks), len(organisations),
        " ".join("%d:%d" % (k, sum(a in STOPPED for a in by_rank[k])) for k in ranks)))
    late = sum(a in STOPPED for k in ranks if k > 3 for a in by_rank[k])
    out.write("adoption: held after the third adopter: %d\n" % late)
    vendor = groups[("vendor40", "")]
    out.write("compromised vendor: held %d of %d\n" % (tally(vendor)[1], len(vendor)))
    if unknown or missing:
        out.write("\nreplay lines not in the manifest: %d; manifest messages not replayed: %d\n"
                  % (unknown, missing))


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        sys.exit("usage: summarise.py MANIFEST RESULTS")
    summarise(load(args[0]), load(args[1]), sys.stdout)


if __name__ == "__main__":
    main()
