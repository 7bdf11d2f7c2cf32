#!/usr/bin/env python3
"""tabulate: the holdout evaluation's figures from `rapportctl --json replay` output.

FROZEN - NEVER TUNE ON THIS SET (see holdout_gen.py).

usage: tabulate.py --manifest GEN_DIR/manifest.tsv RESULTS_DIR

RESULTS_DIR holds one NAME.jsonl per replayed file (holdout-<mailbox>,
scenario-adopt, scenario-repeat, phish-pot, phish-nazario, easy_ham): one JSON
object a line with message_id, from, score, action, signals, as rapportctl
writes them. The manifest (from holdout_gen.py) tells each message's class
(attack, legitimate inbound from a known correspondent or not, internal...)
and family; a message it does not list is classed by its From domain.
Prints Markdown tables. Python 3 standard library only.
"""

import argparse
import json
import os
import statistics
import sys

HELD = {"hold", "reject"}
FAMILY_ORDER = ["masked-link", "hijack-participant", "hijack-outsider", "bcc-new-sender",
                "vendor-fileshare", "new-tenant", "lookalike-sender", "lookalike-token", "lateral"]
FAMILY_NAMES = {
    "masked-link": "masked link (known sender)",
    "hijack-participant": "thread hijack by a participant",
    "hijack-outsider": "thread hijack by an outsider",
    "bcc-new-sender": "BCC from a new sender",
    "vendor-fileshare": "known vendor, first-seen file-share platform",
    "new-tenant": "new tenant on a familiar platform",
    "lookalike-sender": "look-alike sender (registrable domain)",
    "lookalike-token": "look-alike token in cloud-storage host/path",
    "lateral": "lateral phishing (internal account)",
}


def load_manifest(path):
    m = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 5:
                continue
            mid, tag, cls, fam, extra = parts[:5]
            m[(tag, mid)] = (cls, fam, extra)
    return m


def load_results(results_dir):
    out = {}
    for name in sorted(os.listdir(results_dir)):
        if not name.endswith(".jsonl"):
            continue
        rows = []
        with open(os.path.join(results_dir, name), encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    rows.append(json.loads(line))
        out[name[:-6]] = rows
    return out


def local_of(tag):
    if tag == "easy_ham":
        return ("example.com", "netnoteinc.com")
    return ("enron.com",)


def is_local(address, domains):
    d = address.rsplit("@", 1)[-1].lower()
    return any(d == x or d.endswith("." + x) for x in domains)


def classify(manifest, tag, row):
    hit = manifest.get((tag, row.get("message_id", "")))
    if hit:
        return hit
    if is_local(row.get("from", ""), local_of(tag)):
        return ("internal", "-", "")
    return ("inbound", "-", "")


def pct(n, d):
    return "%.1f%%" % (100.0 * n / d) if d else "n/a"


def pct2(n, d):
    return "%.2f%%" % (100.0 * n / d) if d else "n/a"


def median(values):
    return int(statistics.median(values)) if values else 0


def cause(row):
    return ", ".join(row.get("signals", [])) or "(none)"


def report(manifest, results, out):
    fam = {f: [] for f in FAMILY_ORDER}
    legit = {"inbound": [], "inbound-known": [], "internal": [], "outbound": [], "legit-setup": []}
    held_legit = []
    for tag, rows in sorted(results.items()):
        if not tag.startswith("holdout-"):
            continue
        for row in rows:
            cls, family, _ = classify(manifest, tag, row)
            if cls == "attack" and family in fam:
                fam[family].append(row)
            elif cls in legit:
                legit[cls].append(row)
                if row["action"] in HELD and cls != "legit-setup":
                    held_legit.append((tag, cls, row))

    w = out.write
    w("## Holdout attacks per family\n\n")
    w("| family | n | held | tagged | delivered untagged | held % | tagged or held % | median score |\n")
    w("|---|---|---|---|---|---|---|---|\n")
    tot_n = tot_h = tot_t = 0
    for f in FAMILY_ORDER:
        rows = fam[f]
        h = sum(r["action"] in HELD for r in rows)
        t = sum(r["action"] == "tag" for r in rows)
        tot_n, tot_h, tot_t = tot_n + len(rows), tot_h + h, tot_t + t
        w("| %s | %d | %d | %d | %d | %s | %s | %d |\n" % (
            FAMILY_NAMES[f], len(rows), h, t, len(rows) - h - t, pct(h, len(rows)), pct(h + t, len(rows)),
            median([r["score"] for r in rows])))
    w("| **all families** | %d | %d | %d | %d | %s | %s | |\n\n" % (
        tot_n, tot_h, tot_t, tot_n - tot_h - tot_t, pct(tot_h, tot_n), pct(tot_h + tot_t, tot_n)))

    inbound = legit["inbound"] + legit["inbound-known"]
    ih = sum(r["action"] in HELD for r in inbound)
    it = sum(r["action"] == "tag" for r in inbound)
    internal = legit["internal"]
    nh = sum(r["action"] in HELD for r in internal)
    known_scores = [r["score"] for r in legit["inbound-known"]]
    setup = legit["legit-setup"]
    w("## Legitimate mail (holdout mailboxes)\n\n")
    w("| measure | value |\n|---|---|\n")
    w("| legitimate inbound messages | %d |\n" % len(inbound))
    w("| legitimate inbound held | %d (%s) |\n" % (ih, pct2(ih, len(inbound))))
    w("| legitimate inbound tagged | %d (%s) |\n" % (it, pct2(it, len(inbound))))
    w("| known-correspondent inbound (>= 3 in, a reply out): n, median score | %d, %d |\n" % (
        len(known_scores), median(known_scores)))
    w("| real internal mail (enron.com to enron.com only) held | %d of %d (%s) |\n" % (
        nh, len(internal), pct2(nh, len(internal))))
    w("| internal mail tagged | %d |\n" % sum(r["action"] == "tag" for r in internal))
    w("| setup (injected): staff link the organisation's own tenant of a platform, held / tagged | %d / %d of %d |\n\n" % (
        sum(r["action"] in HELD for r in setup), sum(r["action"] == "tag" for r in setup), len(setup)))

    w("### Every legitimate message held, with its cause\n\n")
    by_cause = {}
    for tag, cls, row in held_legit:
        by_cause.setdefault(cause(row), []).append((tag, cls, row))
    w("| cause (signals) | held |\n|---|---|\n")
    for c, items in sorted(by_cause.items(), key=lambda x: (-len(x[1]), x[0])):
        w("| %s | %d |\n" % (c, len(items)))
    w("\n| file | class | message_id | from | score | signals |\n|---|---|---|---|---|---|\n")
    for tag, cls, row in held_legit:
        w("| %s | %s | %s | %s | %d | %s |\n" % (tag[8:], cls, row.get("message_id", ""),
                                                 row.get("from", ""), row["score"], cause(row)))
    w("\n")

    w("## Real phishing, re-addressed to Enron staff after learning all of Enron\n\n")
    w("| set | n | tagged or held | held |\n|---|---|---|---|\n")
    for tag in ("phish-pot", "phish-nazario"):
        rows = [r for r in results.get(tag, []) if classify(manifest, tag, r)[0] == "phish"]
        h = sum(r["action"] in HELD for r in rows)
        t = sum(r["action"] == "tag" for r in rows)
        w("| %s | %d | %d (%s) | %d (%s) |\n" % (tag, len(rows), h + t, pct(h + t, len(rows)), h, pct(h, len(rows))))
    w("\n")

    rows = results.get("easy_ham", [])
    ham_in = [r for r in rows if not is_local(r.get("from", ""), local_of("easy_ham"))]
    hh = [r for r in ham_in if r["action"] in HELD]
    w("## spamassassin/easy_ham, replayed as its own organisation (example.com, netnoteinc.com)\n\n")
    w("| measure | value |\n|---|---|\n")
    w("| inbound messages | %d |\n" % len(ham_in))
    w("| held | %d (%s) |\n" % (len(hh), pct2(len(hh), len(ham_in))))
    w("| tagged | %d (%s) |\n\n" % (sum(r["action"] == "tag" for r in ham_in),
                                    pct2(sum(r["action"] == "tag" for r in ham_in), len(ham_in))))
    if hh:
        # Too many to list one by one: by cause, then how often each signal is there.
        by_cause, by_signal = {}, {}
        for r in hh:
            by_cause[cause(r)] = by_cause.get(cause(r), 0) + 1
            for name in r.get("signals", []):
                by_signal[name] = by_signal.get(name, 0) + 1
        w("easy_ham held, by signal (on how many held messages it fired):\n\n| signal | held messages |\n|---|---|\n")
        for name, n in sorted(by_signal.items(), key=lambda x: (-x[1], x[0])):
            w("| %s | %d |\n" % (name, n))
        w("\neasy_ham held, by cause (signal set; the 10 most common):\n\n| cause | held |\n|---|---|\n")
        for c, n in sorted(by_cause.items(), key=lambda x: (-x[1], x[0]))[:10]:
            w("| %s | %d |\n" % (c, n))
        w("\n")

    w("## Self-regulation scenarios\n\n")
    rows = [(r, classify(manifest, "scenario-adopt", r)) for r in results.get("scenario-adopt", [])]
    rows = [(r, c) for r, c in rows if c[0] == "legit-adopt"]
    if rows:
        w("### (a) adoption: 15 established correspondents start linking one new file-transfer platform\n\n")
        rank = {}
        for r, c in rows:
            k = c[2].split(":")[0]
            if k not in rank:
                rank[k] = len(rank) + 1
        w("| position | adopter (order of adoption) | its message | organisation | score | action | signals |\n")
        w("|---|---|---|---|---|---|---|\n")
        late_held = []
        for pos, (r, c) in enumerate(rows, 1):
            k, nth, org = c[2].split(":")
            if r["action"] in HELD and rank[k] > 3:
                late_held.append(pos)
            w("| %d | %d | %s | %s | %d | %s | %s |\n" % (pos, rank[k], nth, org, r["score"], r["action"], cause(r)))
        held = [pos for pos, (r, c) in enumerate(rows, 1) if r["action"] in HELD]
        tagged = [pos for pos, (r, c) in enumerate(rows, 1) if r["action"] == "tag"]
        w("\nheld: %d of %d (positions %s); tagged: %d (positions %s); held after the third adopter: %d "
          "(target 0)\n\n" % (len(held), len(rows), held or "-", len(tagged), tagged or "-", len(late_held)))
    rows = [r for r in results.get("scenario-repeat", [])
            if classify(manifest, "scenario-repeat", r)[0] == "attack"]
    if rows:
        h = [i for i, r in enumerate(rows, 1) if r["action"] in HELD]
        w("### (b) a compromised vendor repeats its pub-....r2.dev link to 40 recipients\n\n")
        w("held: %d of %d (target: every one); not held at positions %s; scores %s\n\n" % (
            len(h), len(rows), [i for i, r in enumerate(rows, 1) if r["action"] not in HELD] or "-",
            " ".join(str(r["score"]) for r in rows)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--manifest", required=True)
    ap.add_argument("results")
    args = ap.parse_args()
    report(load_manifest(args.manifest), load_results(args.results), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
