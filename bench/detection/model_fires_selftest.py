#!/usr/bin/env python3
"""Self-test of model_fires.py on small fixtures, no corpus, no rapportctl.

usage: model_fires_selftest.py --fixtures DIR   (tests/fixtures/model_fires)

DIR holds an attack_eval output at two seeds (attack_eval.txt,
attack_eval-seed7.txt), a few easy_ham verdicts (easy_ham.jsonl) with the
real_mail summary summarise.py makes of them (real_mail.md), and a model
table that agrees with them (DETECTION.md). Checks that --check passes on
it and names a changed figure, a missing row, a row no signal has, a "not
measured" signal that fired, a wrong seed spread and a preamble without the
seed or a part's number of messages; that --write mends changed figures and
the spread back to the fixture byte for byte, keeping notes and "not
measured" rows; that summarise.py still writes the tables model_fires.py
reads, and attack_eval.cc still prints the title it looks for. Exits 1
naming each failed check.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, "model_fires.py")
sys.path.insert(0, HERE)
import model_fires  # noqa: E402

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL: " + what)


class Case:
    """A scratch copy of the fixtures, with the model table and attack_eval's
    output editable, and model_fires.py run on them."""

    def __init__(self, fixtures, scratch):
        self.dir = tempfile.mkdtemp(dir=scratch)
        for name in os.listdir(fixtures):
            shutil.copy(os.path.join(fixtures, name), self.dir)
        self.doc = os.path.join(self.dir, "DETECTION.md")

    def path(self, name):
        return os.path.join(self.dir, name)

    def read(self, name="DETECTION.md"):
        with open(self.path(name), encoding="utf-8") as f:
            return f.read()

    def edit(self, old, new, name="DETECTION.md"):
        text = self.read(name)
        assert old in text, (name, old)
        with open(self.path(name), "w", encoding="utf-8") as f:
            f.write(text.replace(old, new, 1))

    def run(self, *options, other=True, real_mail="real_mail.md"):
        command = [sys.executable, TOOL, "--attack-eval", self.path("attack_eval.txt"),
                   "--real-mail", self.path(real_mail), "--doc", self.doc]
        if other:
            command += ["--other-seed", self.path("attack_eval-seed7.txt")]
        done = subprocess.run(command + list(options), capture_output=True, text=True)
        return done.returncode, done.stdout + done.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixtures", required=True)
    args = parser.parse_args()
    fixtures = args.fixtures
    with open(os.path.join(fixtures, "DETECTION.md"), encoding="utf-8") as f:
        agreed = f.read()
    scratch = tempfile.mkdtemp(prefix="model_fires_selftest.")
    try:
        run_checks(fixtures, scratch, agreed)
    finally:
        shutil.rmtree(scratch)
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("model_fires selftest: all checks passed")
    return 0


def run_checks(fixtures, scratch, agreed):
    new = lambda: Case(fixtures, scratch)  # noqa: E731

    rc, out = new().run("--check")
    check(rc == 0 and out == "", "--check passes on the agreeing fixture (got %d: %s)" % (rc, out))

    rc, out = new().run()
    check(rc == 0 and "FIRST_CONTACT | Enron 688 (187 tagged, 54 held); easy_ham 3 (1 tagged, "
          "1 held). Alone it never tags\n" in out,
          "printing gives a row's figures and keeps its note: " + out)
    check("IP_LITERAL_LINK | Enron 19 (9 tagged, 1 held); internal 5; easy_ham 1 (1 held); "
          "easy_ham internal 0\n" in out, "an all-mail signal shows its internal parts: " + out)
    check("COLLEAGUE_FANOUT | internal 1,583 (10 tagged, 1 held); easy_ham internal 1 (1 tagged)."
          in out, "an internal signal shows no inbound part, thousands with commas: " + out)
    check("seed 7 differs by at most 3 (COLLEAGUE_FANOUT internal fired)" in out,
          "the seed spread is measured: " + out)

    case = new()
    case.edit("Enron 19 (9 tagged, 1 held)", "Enron 18 (9 tagged, 1 held)")
    rc, out = case.run("--check")
    check(rc == 1 and "IP_LITERAL_LINK: the table says" in out and "FIRST_CONTACT" not in out,
          "--check names a changed figure, and only its row: " + out)

    case = new()
    case.edit("easy_ham 3 (1 tagged, 1 held)", "easy_ham 3 (1 tagged)")
    rc, out = case.run("--check")
    check(rc == 1 and "FIRST_CONTACT: the table says" in out,
          "--check names a held count left out: " + out)

    case = new()
    row = [line for line in agreed.splitlines() if line.startswith("| `COLLEAGUE_FANOUT`")][0]
    case.edit(row + "\n", "")
    rc, out = case.run("--check")
    check(rc == 1 and "COLLEAGUE_FANOUT: registered (attack_eval lists it) but no row" in out,
          "--check names a missing row: " + out)
    rc, out = case.run("--write")
    check(rc == 1 and "no row" in out, "--write cannot mend a missing row: " + out)

    case = new()
    case.edit("| `AUTH_FAILURE` |", "| `RETIRED_SIGNAL` | x | 1 | x | x | x | Enron 0 |\n"
              "| `AUTH_FAILURE` |")
    rc, out = case.run("--check")
    check(rc == 1 and "RETIRED_SIGNAL: a row of the table, but attack_eval does not list it" in out,
          "--check names a row attack_eval does not list: " + out)

    case = new()
    case.edit("  EXECUTABLE_ATTACHMENT                    0      0      0        0",
              "  EXECUTABLE_ATTACHMENT                    2      0      0        0",
              name="attack_eval.txt")
    rc, out = case.run("--check")
    check(rc == 1 and "EXECUTABLE_ATTACHMENT: says \"not measured...\" but fired on 2" in out,
          "--check names a \"not measured\" signal that fired: " + out)
    rc, out = case.run("--write")
    check(rc == 1 and case.read() == agreed,
          "--write keeps a \"not measured\" row as written and fails: " + out)

    case = new()
    case.edit("  AUTH_FAILURE                             0      0      0        0      0      0\n",
              "  AUTH_FAILURE                             0      0      0        0      0      0\n"
              "  ONLY_AT_SEED_7                           9      0      0        0      0      0\n",
              name="attack_eval-seed7.txt")
    rc, out = case.run()
    check("seed 7 differs by at most 9 (ONLY_AT_SEED_7 Enron fired)" in out,
          "a signal only the other seed lists counts in the spread: " + out)

    case = new()
    case.edit("seed 7 differs by at most 3", "seed 7 differs by at most 2")
    rc, out = case.run("--check")
    check(rc == 1 and "should say \"seed 7 differs by at most 3\"" in out,
          "--check names a wrong seed spread: " + out)
    rc, out = case.run("--check", other=False)
    check(rc == 0, "without --other-seed the spread is not checked: " + out)

    case = new()
    case.edit("attack_eval at seed 20011203", "attack_eval at seed 1")
    rc, out = case.run("--check")
    check(rc == 1 and "does not name seed 20011203" in out,
          "--check names a preamble without attack_eval's seed: " + out)

    case = new()
    case.edit("13,258 real internal", "13,259 real internal")
    case.edit("easy_ham internal 2;", "easy_ham internal 3;")
    rc, out = case.run("--check")
    check(rc == 1 and "does not give the internal messages counted, 13,258" in out and
          "the easy_ham internal messages counted, 2\n" in out,
          "--check names a preamble with a wrong number of messages: " + out)

    case = new()
    case.edit("Enron 19 (9 tagged, 1 held); internal 5", "Enron 20 (9 tagged); internal 5")
    case.edit("at most 3", "at most 1")
    case.edit("internal 1,583 (10 tagged, 1 held)", "internal 1,583 (10 tagged, 1 held), once")
    rc, out = case.run("--write")
    check(rc == 0 and case.read() == agreed.replace(
        "internal 1,583 (10 tagged, 1 held); easy_ham internal 1 (1 tagged). The internal",
        "internal 1,583 (10 tagged, 1 held); easy_ham internal 1 (1 tagged). internal 1,583 "
        "(10 tagged, 1 held), once; easy_ham internal 1 (1 tagged). The internal"),
           "--write mends figures and the spread byte for byte, and keeps a column it cannot "
           "read as a note after the figures: " + out)
    rc, out = case.run("--check")
    check(rc == 0, "--check passes after --write: " + out)

    case = new()
    case.edit("### easy_ham internal: signals fired", "### easy_ham internal: holds again",
              name="real_mail.md")
    rc, out = case.run("--check")
    check(rc == 2 and "no table '### easy_ham internal: signals fired'" in out,
          "a real_mail output without its table is an input error: " + out)

    rc, out = Case(fixtures, scratch).run("--check", real_mail="missing.md")
    check(rc == 2, "a missing input is an input error: " + out)

    summarised = subprocess.run(
        [sys.executable, os.path.join(HERE, "real_mail", "summarise.py"),
         "legit=easy_ham=%s=example.com,netnoteinc.com" % os.path.join(fixtures, "easy_ham.jsonl")],
        capture_output=True, text=True)
    with open(os.path.join(fixtures, "real_mail.md"), encoding="utf-8") as f:
        check(summarised.returncode == 0 and summarised.stdout == f.read(),
              "summarise.py writes the fixture's real_mail.md from its easy_ham.jsonl")

    with open(os.path.join(HERE, "attack_eval", "attack_eval.cc"), encoding="utf-8") as f:
        check(model_fires.ATTACK_EVAL_TITLE in f.read(),
              "attack_eval.cc prints the title model_fires.py reads")


if __name__ == "__main__":
    sys.exit(main())
