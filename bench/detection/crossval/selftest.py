#!/usr/bin/env python3
"""Self-test of the cross-validation evaluation on tiny fixtures (no rapportctl).

usage: selftest.py --fixtures DIR   (tests/fixtures/crossval)

Checks, on the two-mailbox corpus in DIR/enron (make_fixture.py):
  - the generator is deterministic (two runs, same bytes) and its seed matters;
  - every corpus message goes to exactly one of learn.mbox (before the
    cutoff) and replay.mbox (from it on), and generated mail lands in the
    replay after the cutoff, seeded history in the learning period;
  - per mailbox and family, the asked-for number of attacks and controls,
    the adoption scenario's messages and the compromised vendor's 40;
  - every generated message passes checks.py (is what its family claims),
    and checks.py does fail on messages bent out of their family's shape;
and that summarise.py turns DIR/summary-manifest.jsonl and
DIR/summary-results.jsonl into DIR/summary-expected.md exactly.
Prints what failed; exits 1 on any failure.
"""
import argparse
import collections
import hashlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
from contextlib import redirect_stderr
from datetime import datetime, timezone

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import checks  # noqa: E402
import corpus  # noqa: E402
import crossval_gen  # noqa: E402
import summarise  # noqa: E402

PER_MAILBOX = 2
ADOPTERS = 4
failures = []


def expect(condition, what):
    if not condition:
        failures.append(what)


def generate(fixtures, out, seed=7):
    with redirect_stderr(io.StringIO()):
        crossval_gen.main(["--corpus", fixtures, "--out", out, "--seed", str(seed),
                           "--per-mailbox", str(PER_MAILBOX), "--adopters", str(ADOPTERS)])


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def message_ids(path):
    with open(path, "rb") as f:
        return re.findall(rb"(?mi)^Message-ID: <([^>]*)>", f.read())


def test_generator(fixtures, tmp):
    first, second, other = (os.path.join(tmp, n) for n in ("a", "b", "c"))
    generate(fixtures, first)
    generate(fixtures, second)
    generate(fixtures, other, seed=8)
    for name in ("learn.mbox", "replay.mbox", "manifest.jsonl"):
        expect(digest(os.path.join(first, name)) == digest(os.path.join(second, name)),
               "two runs with one seed differ in " + name)
    expect(digest(os.path.join(first, "replay.mbox")) != digest(os.path.join(other, "replay.mbox")),
           "another seed gives the same replay.mbox")

    mails = [m for box in corpus.read_corpus(os.path.join(fixtures, "enron")).values() for m in box]
    cutoff = datetime(2001, 3, 1, tzinfo=timezone.utc)
    learned = collections.Counter(message_ids(os.path.join(first, "learn.mbox")))
    replayed = collections.Counter(message_ids(os.path.join(first, "replay.mbox")))
    for m in mails:
        mid = m.message_id.encode()
        where = "learn" if learned[mid] else "replay" if replayed[mid] else None
        expect(learned[mid] + replayed[mid] == 1, "corpus message %s in %d files" % (
            m.message_id, learned[mid] + replayed[mid]))
        expect(where == ("learn" if m.date < cutoff else "replay"),
               "corpus message %s of %s in %s" % (m.message_id, m.date.date(), where))

    with open(os.path.join(first, "manifest.jsonl")) as f:
        manifest = [json.loads(line) for line in f]
    made = collections.Counter((r["set"], r.get("family"), r.get("mailbox")) for r in manifest)
    for box in ("box-a.mbox", "box-b.mbox"):
        for family in crossval_gen.FAMILIES:
            for kind in ("attack", "control"):
                expect(made[(kind, family, box)] == PER_MAILBOX, "%s %s %s: %d, not %d" % (
                    box, family, kind, made[(kind, family, box)], PER_MAILBOX))
    expect(made[("adoption", None, None)] == 2 * ADOPTERS, "adoption: %d messages, not %d" % (
        made[("adoption", None, None)], 2 * ADOPTERS))
    expect(made[("vendor40", None, None)] == 40, "compromised vendor: %d messages, not 40" %
           made[("vendor40", None, None)])
    seeds = {r["message_id"].encode() for r in manifest if r["set"] == "seed"}
    expect(seeds and all(learned[s] == 1 for s in seeds), "seeded history not all in learn.mbox")
    generated = {r["message_id"].encode() for r in manifest if r["set"] not in ("seed", "corpus")}
    expect(all(replayed[g] == 1 for g in generated), "generated mail not all in replay.mbox")
    parsed = [m.date for m in corpus.read_mailbox(os.path.join(first, "replay.mbox"))]
    expect(len(parsed) == sum(replayed.values()) and parsed == sorted(parsed),
           "replay.mbox is not in Date order")

    checked, found = checks.check(first)
    expect(not found, "checks.py on the generated set: " + "; ".join(found[:5]))
    expect(sum(checked.values()) == 9 * 2 * 2 * PER_MAILBOX + 2 * ADOPTERS + 40,
           "checks.py checked %d messages" % sum(checked.values()))
    return first


def bend(gen, tmp, family, kind, old, new):
    """A copy of `gen` whose first `kind` message of `family` has `old`
    replaced by `new` (a regular expression on its bytes)."""
    bent = os.path.join(tmp, "bent-" + family)
    shutil.copytree(gen, bent)
    with open(os.path.join(gen, "manifest.jsonl")) as f:
        target = next(json.loads(l)["message_id"] for l in f
                      if json.loads(l).get("family") == family and json.loads(l)["set"] == kind)
    path = os.path.join(bent, "replay.mbox")
    with open(path, "rb") as f:
        data = f.read()
    at = data.index(b"Message-ID: <%s>" % target.encode())
    begin = data.rindex(b"\nFrom ", 0, at) + 1
    end = data.find(b"\nFrom ", at)
    end = len(data) if end < 0 else end + 1
    message, count = re.subn(old, new, data[begin:end], count=1)
    expect(count == 1, "could not bend %s %s" % (family, kind))
    with open(path, "wb") as f:
        f.write(data[:begin] + message + data[end:])
    return bent


def test_checks_fail(gen, tmp):
    """checks.py must notice a message out of its family's shape."""
    cases = [
        ("bcc_new_sender", "attack",  # the BCC recipient named in To
         rb"(?m)^Delivered-To: (\S+)\n((?:.*\n)*?)To: .*", rb"Delivered-To: \1\n\2To: \1"),
        ("lateral", "attack", rb"(?ms)^To: .*?(?=^Subject:)", b"To: jane.doe@enron.com\n"),
        ("hijack_participant", "attack", rb"(?m)^In-Reply-To: <[^>]*>", b"In-Reply-To: <nowhere@x>"),
        ("masked_link", "control", rb'<a href="https://links\.', b'<a href="https://elsewhere-x.info/'),
        ("registrable_lookalike", "attack", rb"(?m)^From: (.*)@[^>\s]+", rb"From: \1@unrelated.example"),
    ]
    for family, kind, old, new in cases:
        bent = bend(gen, tmp, family, kind, old, new)
        _, found = checks.check(bent)
        expect(any(family in f for f in found), "checks.py missed a bent %s %s" % (family, kind))


def test_summary(fixtures):
    out = io.StringIO()
    summarise.summarise(summarise.load(os.path.join(fixtures, "summary-manifest.jsonl")),
                        summarise.load(os.path.join(fixtures, "summary-results.jsonl")), out)
    with open(os.path.join(fixtures, "summary-expected.md")) as f:
        expected = f.read()
    if out.getvalue() != expected:
        got, want = out.getvalue().splitlines(), expected.splitlines()
        diff = next((i for i, (g, w) in enumerate(zip(got, want)) if g != w), min(len(got), len(want)))
        failures.append("summary differs at line %d: %r, expected %r" % (
            diff + 1, got[diff] if diff < len(got) else None, want[diff] if diff < len(want) else None))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixtures", required=True)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="crossval-selftest.")
    try:
        gen = test_generator(args.fixtures, tmp)
        test_checks_fail(gen, tmp)
        test_summary(args.fixtures)
    finally:
        shutil.rmtree(tmp)
    for f in failures:
        print("FAIL: " + f)
    print("crossval selftest: %d failed" % len(failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
