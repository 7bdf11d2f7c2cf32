#!/usr/bin/env python3
"""blind3's self-test (ctest blind3_eval_selftest): not the evaluation.

usage: selftest.py --fixtures DIR [--corpus DIR --build DIR]

1. tabulate.py on the fixture (DIR/gen, DIR/results) prints DIR/expected.md
   line for line, and stops when an injected message has no verdict.
2. The generator's parts: registrable domains, the look-alike methods, who
   counts as a person, and check.py's family checks, each on a message that
   passes and one that must fail.
3. With --corpus and --build: the generator, run on the shared corpus with
   the owners the enron_owner tool reads, writes exactly the frozen
   SHA256SUMS (generation is deterministic and unchanged), and every
   injected message passes check.py.
Prints what failed; exits 1 on any failure.
"""
import argparse
import email
import email.policy
import hashlib
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check  # noqa: E402
import corpus  # noqa: E402
import lures  # noqa: E402

MAILBOXES = ["beck-s", "farmer-d", "kaminski-v", "lokay-m", "williams-w3"]
failures = []


def expect(condition, what):
    if not condition:
        failures.append(what)


def tabulate(fixtures):
    run = subprocess.run([sys.executable, os.path.join(HERE, "tabulate.py"),
                          os.path.join(fixtures, "gen"), os.path.join(fixtures, "results"),
                          "--commit", "fixture"], capture_output=True, text=True)
    expect(run.returncode == 0, "tabulate.py failed: " + run.stderr)
    with open(os.path.join(fixtures, "expected.md")) as f:
        want = f.read().splitlines()
    got = run.stdout.splitlines()
    for i, (w, g) in enumerate(zip(want, got), 1):
        if w != g:
            failures.append("tabulate.py line %d:\n  want %s\n  got  %s" % (i, w, g))
            break
    expect(len(want) == len(got), "tabulate.py printed %d lines, expected %d" %
           (len(got), len(want)))
    # A verdict missing for an injected message stops the tabulation.
    with tempfile.TemporaryDirectory() as tmp:
        for envelope in ("owner", "archived"):
            with open(os.path.join(fixtures, "results", "box-a.%s.jsonl" % envelope)) as f:
                lines = [l for l in f if '"a3@enron.com"' not in l or envelope == "archived"]
            with open(os.path.join(tmp, "box-a.%s.jsonl" % envelope), "w") as f:
                f.writelines(lines)
        run = subprocess.run([sys.executable, os.path.join(HERE, "tabulate.py"),
                              os.path.join(fixtures, "gen"), tmp], capture_output=True, text=True)
        expect(run.returncode != 0 and "no verdict" in run.stderr,
               "tabulate.py did not stop on an attack without a verdict")


def parts():
    expect(corpus.registrable("maths.uq.edu.au") == "uq.edu.au", "registrable edu.au")
    expect(corpus.registrable("uk.arthurandersen.com") == "arthurandersen.com",
           "registrable .com")
    expect(corpus.registrable("lacima.co.uk") == "lacima.co.uk", "registrable co.uk")
    expect("amcecorp.com" in lures.lookalike_candidates("acmecorp.com", "transposition"),
           "transposition")
    expect("westfield-univ.org" in lures.lookalike_candidates("westfield.edu", "tld"),
           "a .edu's twin is a .org")
    expect(all(c.startswith("xn--") for c in lures.lookalike_candidates("acme.com", "idn")),
           "idn twins are punycode")
    expect(lures.lookalike_candidates("txu.com", "rn-for-m") == [], "rn-for-m needs an m")
    twin, used = lures.lookalike_domain("mail.txu.com", "rn-for-m", __import__("random").Random(1),
                                        {"tu.com"})
    expect(twin.startswith("mail.") and used != "rn-for-m" and
           corpus.registrable(twin) not in ("txu.com", "tu.com"),
           "a method that gives nothing falls through to a new twin: %s %s" % (twin, used))
    expect(corpus.is_person("sally.beck@enron.com"), "a person")
    expect(not corpus.is_person("public.relations@enron.com"), "a role account")
    expect(not corpus.is_person("ees_employees@enron.com"), "a list")
    expect(corpus.same_person("vince.j.kaminski@enron.com", "vince.kaminski@enron.com"),
           "one person's two addresses")


def family_checks():
    archive = {"owner": "o.wner@enron.com", "ids": {"real@thyme"},
               "senders": {"pat@partner.test", "o.wner@enron.com"},
               "domains": {"partner.test", "enron.com"},
               "registrable": {"partner.test", "enron.com"}}

    def problems(record, text):
        msg = email.message_from_string(text, policy=email.policy.default)
        return check.problems(dict({"kind": "attack", "shape": "x"}, **record), msg, archive)

    bcc = ("From: New <new@fresh.test>\nTo: undisclosed-recipients:;\n"
           "Delivered-To: o.wner@enron.com\nSubject: Proposal\n\nhttps://docsend.com/view/x\n")
    record = {"family": "bcc-new-sender", "sender": "new@fresh.test"}
    expect(problems(record, bcc) == [], "a good BCC passes: %s" % problems(record, bcc))
    expect(problems(record, bcc.replace("undisclosed-recipients:;", "o.wner@enron.com")),
           "a BCC naming a colleague fails")
    masked = ('From: pat@partner.test\nTo: o.wner@enron.com\nSubject: s\nContent-Type: text/html'
              '\n\n<a href="https://evil.test/x">https://www.partner.test/pay</a>\n')
    record = {"family": "masked-link", "sender": "pat@partner.test"}
    expect(problems(record, masked) == [], "a masked link passes")
    expect(problems(record, masked.replace("evil.test", "www.partner.test")),
           "a link that shows its own host fails")
    hijack = ("From: pat@partner.test\nTo: o.wner@enron.com\nSubject: RE: gas\n"
              "In-Reply-To: <real@thyme>\n\nhttps://x.surge.sh/a\n")
    record = {"family": "hijack-participant", "sender": "pat@partner.test"}
    expect(problems(record, hijack) == [], "a participant's hijack passes")
    expect(problems(record, hijack.replace("real@thyme", "invented@thyme")),
           "a reply to no real message fails")
    look = ("From: Pat <pat@partnre.test>\nTo: o.wner@enron.com\nSubject: bank\n\nnew account\n")
    record = {"family": "registrable-lookalike", "sender": "pat@partnre.test",
              "imitates": "partner.test"}
    expect(problems(record, look) == [], "a look-alike passes")
    expect(problems(dict(record, sender="kim@partnre.test"), look.replace("pat@", "kim@")),
           "a look-alike reusing no known local part fails")


def frozen(corpus_dir, build):
    tool = os.path.join(build, "bench", "detection", "enron_owner")
    owners = {}
    for m in MAILBOXES:
        owners[m] = subprocess.run([tool, m, os.path.join(corpus_dir, "enron", m + ".mbox")],
                                   capture_output=True, text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory() as out:
        args = [sys.executable, os.path.join(HERE, "gen.py"), "--corpus", corpus_dir,
                "--out", out]
        for m in MAILBOXES:
            args += ["--owner", "%s=%s" % (m, owners[m])]
        subprocess.run(args, check=True, capture_output=True)
        with open(os.path.join(HERE, "SHA256SUMS")) as f:
            for line in f:
                digest, name = line.split()
                with open(os.path.join(out, name), "rb") as g:
                    got = hashlib.sha256(g.read()).hexdigest()
                expect(got == digest, "generated %s differs from SHA256SUMS" % name)
        for f in check.check(out, corpus_dir, owners):
            failures.append("check.py: " + f)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--corpus")
    parser.add_argument("--build")
    args = parser.parse_args()
    tabulate(args.fixtures)
    parts()
    family_checks()
    if args.corpus and args.build:
        frozen(args.corpus, args.build)
    for f in failures:
        print("FAIL:", f)
    print("blind3 selftest: %s" % ("%d failed" % len(failures) if failures else "passed"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
