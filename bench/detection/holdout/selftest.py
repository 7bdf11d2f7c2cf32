#!/usr/bin/env python3
"""CI test of the frozen holdout evaluation (not the evaluation itself):
1. the generator is deterministic (same seed: same sha256; another seed: not)
   and unchanged (its small output's sha256 is the frozen one below);
2. the tabulator reads a tiny fixture of rapportctl replay JSON correctly.

usage: selftest.py --corpus DIR --fixtures DIR   (RAPPORT_CORPUS overrides --corpus)
"""

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# sha256 of `holdout_gen.py --only small` (default seed) over the corpus of
# ../shared/corpus/README.md. A change here means the generator changed: the
# holdout is frozen, so that should not happen (see holdout_gen.py).
FROZEN_SMALL = {
    "holdout-beck-s.mbox": "d3060ffcf5109443df4c02527043c755981cbaa7384d74bc2f22fe89cd457225",
}


def generate(corpus, out, seed):
    subprocess.run([sys.executable, os.path.join(HERE, "holdout_gen.py"), "--corpus", corpus,
                    "--out", out, "--only", "small", "--seed", str(seed)], check=True)
    sums = {}
    for name in sorted(os.listdir(out)):
        with open(os.path.join(out, name), "rb") as f:
            sums[name] = hashlib.sha256(f.read()).hexdigest()
    return sums


def check(condition, what, failures):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--fixtures", required=True)
    args = ap.parse_args()
    corpus = os.environ.get("RAPPORT_CORPUS") or args.corpus
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        a = generate(corpus, os.path.join(tmp, "a"), 1409)
        b = generate(corpus, os.path.join(tmp, "b"), 1409)
        c = generate(corpus, os.path.join(tmp, "c"), 1410)
        check(a == b, "same seed, same sha256 for every file", failures)
        check(a["holdout-beck-s.mbox"] != c["holdout-beck-s.mbox"], "another seed, another file", failures)
        for name, digest in FROZEN_SMALL.items():
            check(a.get(name) == digest, "%s is the frozen one (%s)" % (name, a.get(name)), failures)
        with open(os.path.join(tmp, "a", "manifest.tsv")) as f:
            rows = [line.split("\t") for line in f]
        attacks = [r for r in rows if r[2] == "attack" and r[3] != "scenario-repeat"]
        check(len(attacks) == 45, "45 attacks in beck-s (9 families x 5): %d" % len(attacks), failures)
        with open(os.path.join(tmp, "a", "holdout-beck-s.mbox"), "rb") as f:
            data = f.read()
        with open(os.path.join(corpus, "enron", "beck-s.mbox"), "rb") as f:
            original = f.read()
        check(data.count(b"\nFrom ") + 1 == original.count(b"\nFrom ") + 1 + 45 + 9,
              "beck-s keeps its own messages and gains 45 attacks and 9 setup messages", failures)

    out = subprocess.run([sys.executable, os.path.join(HERE, "tabulate.py"), "--manifest",
                          os.path.join(args.fixtures, "manifest.tsv"), os.path.join(args.fixtures, "results")],
                         check=True, capture_output=True, text=True).stdout
    for line in [
        "| masked link (known sender) | 2 | 1 | 1 | 0 | 50.0% | 100.0% | 75 |",
        "| lateral phishing (internal account) | 1 | 0 | 0 | 1 | 0.0% | 0.0% | 0 |",
        "| **all families** | 3 | 1 | 1 | 1 | 33.3% | 66.7% | |",
        "| legitimate inbound held | 1 (33.33%) |",
        "| known-correspondent inbound (>= 3 in, a reply out): n, median score | 2, 5 |",
        "| real internal mail (enron.com to enron.com only) held | 1 of 2 (50.00%) |",
        "| setup (injected): staff link the organisation's own tenant of a platform, held / tagged | 0 / 1 of 1 |",
        "| beck-s | inbound | stranger.1@news.com | n@news.com | 85 | FIRST_CONTACT, UNSAFE_URL |",
        "| phish-pot | 2 | 2 (100.0%) | 1 (50.0%) |",
        "| held | 1 (50.00%) |",
        "| FIRST_CONTACT | 1 |",
        "held: 3 of 5 (positions [1, 2, 5]); tagged: 2 (positions [3, 4]); held after the third adopter: 1 (target 0)",
        "held: 1 of 2 (target: every one); not held at positions [2]; scores 80 30",
    ]:
        check(line in out.splitlines(), "tabulator: " + line, failures)
    if failures:
        print(out)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
