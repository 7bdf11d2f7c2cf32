#!/usr/bin/env python3
"""Self-test of restore.py on a small mbox it writes itself: no corpus.

usage: selftest.py

Checks that restore.py puts X-From's name in a bare From (a plain name, a
Lotus Notes name, "Last, First" quoted, a quote escaped); leaves From as it
was where X-From names no one (an address, empty, not ASCII), where From
already has a name, and where there is no X-From; never touches a "From:"
line in a body or a "From " line inside a message, nor a From folded over
lines; keeps CRLF line ends; copies every other byte; counts what it did
on stderr; and stops with one line naming a file it cannot read or
write. Exits 1 naming each failed check.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, "restore.py")


def message(from_value, x_from, body=b"Hello.\n"):
    head = b"From MAILER-DAEMON Mon Jan  1 00:00:00 2001\nMessage-ID: <1@x>\nFrom: " + from_value + b"\n"
    if x_from is not None:
        head += b"X-From: " + x_from + b"\n"
    return head + b"Subject: s\n\n" + body + b"\n"


CASES = [
    # (From, X-From, the From line expected)
    (b"ann@txu.com", b"Ann Smith <ann@txu.com>", b'From: "Ann Smith" <ann@txu.com>'),
    (b"crystal.hyde@enron.com", b"Crystal Hyde <Crystal Hyde/PDX/ECT@ECT>",
     b'From: "Crystal Hyde" <crystal.hyde@enron.com>'),
    (b"bharsh@puget.com", b'"Harshbarger, Robert" <bharsh@puget.com>@ENRON <IMCEANOTES-x@ENRON.com>',
     b'From: "Harshbarger, Robert" <bharsh@puget.com>'),
    (b"q@txu.com", b'Jim "Q" Quinn', b'From: "Jim \\"Q\\" Quinn" <q@txu.com>'),
    (b"kpeterso@epelectric.com", b"kpeterso@epelectric.com <kpeterso@epelectric.com@ENRON>",
     b"From: kpeterso@epelectric.com"),
    (b"empty@txu.com", b"<empty@txu.com>", b"From: empty@txu.com"),
    (b"jose@txu.com", "Jos\u00e9 P\u00e9rez".encode("utf-8"), b"From: jose@txu.com"),
    (b'"Named" <named@txu.com>', b"Other Name", b'From: "Named" <named@txu.com>'),
    (b"nox@txu.com", None, b"From: nox@txu.com"),
]


def main():
    failures = []
    body = b"From: quoted@txu.com\n>From the archive\nFrom here on, a line.\n"
    mbox = b"".join(message(f, x) for f, x, _ in CASES) + message(b"last@txu.com", b"Last One", body)
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.mbox"), os.path.join(tmp, "out.mbox")
        with open(src, "wb") as f:
            f.write(mbox)
        run = subprocess.run([sys.executable, TOOL, src, dst], capture_output=True)
        if run.returncode != 0:
            print("selftest: restore.py failed: %s" % run.stderr.decode(errors="replace"))
            sys.exit(1)
        with open(dst, "rb") as f:
            out = f.read()
    froms = [l for l in out.split(b"\n") if l.startswith(b"From:")]
    expected = [e for _, _, e in CASES] + [b'From: "Last One" <last@txu.com>', b"From: quoted@txu.com"]
    if froms != expected:
        failures.append("From lines %r, expected %r" % (froms, expected))
    strip = [l for l in out.split(b"\n") if not l.startswith(b"From:")]
    if strip != [l for l in mbox.split(b"\n") if not l.startswith(b"From:")]:
        failures.append("a line other than a header From changed")
    if out.count(b"\nFrom MAILER-DAEMON") + out.startswith(b"From MAILER-DAEMON") != len(CASES) + 1:
        failures.append("the number of messages changed")
    report = run.stderr.decode()
    if "restored 5" not in report or "X-From names no one 3" not in report:
        failures.append("stderr counts %r, expected 5 restored and 3 naming no one" % report.strip())
    if "From already named, or not one address 1" not in report or "no From or X-From 1" not in report:
        failures.append("stderr counts %r, expected 1 already named and 1 without X-From" % report.strip())
    # CRLF line ends keep theirs; a From folded over lines is left whole.
    crlf = (b"From MAILER-DAEMON Mon Jan  1 00:00:00 2001\r\nFrom: cr@txu.com\r\nX-From: Cr Lf\r\n"
            b"Subject: s\r\n\r\nHello.\r\n\r\n")
    folded = message(b"\n\tfold@txu.com", b"Fold Ed")
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.mbox"), os.path.join(tmp, "out.mbox")
        with open(src, "wb") as f:
            f.write(crlf + folded)
        run = subprocess.run([sys.executable, TOOL, src, dst], capture_output=True)
        with open(dst, "rb") as f:
            out = f.read()
        expected = crlf.replace(b"From: cr@txu.com\r\n", b'From: "Cr Lf" <cr@txu.com>\r\n') + folded
        if run.returncode != 0 or out != expected:
            failures.append("CRLF or folded From: wrote %r, expected %r" % (out, expected))
        # Files it cannot read or write: one line naming them, non-zero exit.
        for args, named in (([os.path.join(tmp, "missing.mbox"), dst], b"missing.mbox"),
                            ([src, os.path.join(tmp, "no", "out.mbox")], b"out.mbox")):
            bad = subprocess.run([sys.executable, TOOL] + args, capture_output=True)
            lines = bad.stderr.strip().split(b"\n")
            if bad.returncode == 0 or len(lines) != 1 or named not in lines[0]:
                failures.append("%s: expected one line naming it, got %r" % (named.decode(), bad.stderr))
    # Usage: one line, non-zero exit.
    usage = subprocess.run([sys.executable, TOOL], capture_output=True)
    if usage.returncode == 0 or b"usage" not in usage.stderr:
        failures.append("no usage error without arguments")
    for failure in failures:
        print("selftest: " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
