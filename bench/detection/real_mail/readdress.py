#!/usr/bin/env python3
"""Re-addresses real phishing to Enron staff, split into a tuning and a check half.

usage: readdress.py --corpus DIR --out DIR

Writes four mboxes to DIR:
  pot-tune.mbox       phishing_pot-sample, messages at odd positions (1st, 3rd, ...)
  pot-check.mbox      phishing_pot-sample, messages at even positions
  nazario-tune.mbox   nazario-phishing0
  nazario-check.mbox  nazario-phishing1 and nazario-20051114, without the
                      messages byte-identical to an earlier one (the two
                      files overlap, and may repeat phishing0)

Each message keeps its body and headers except To, Cc, Date, Message-ID and
Delivered-To, which are replaced: To and Delivered-To name one Enron address
that receives mail in the Enron mailboxes (chosen by a fixed seed), Date runs
from 2002-03-02 (after nearly all the Enron mail) half an hour apart, and
Message-ID is <realmail-SET-N@rapport.invalid> so that the summary can tell
which message a replay line is about. Deterministic: the same corpus gives
the same files.
"""
import argparse
import email.utils
import hashlib
import os
import random
import re
import sys
from datetime import datetime, timedelta, timezone

SEED = 20020302
START = datetime(2002, 3, 2, 8, 0, tzinfo=timezone.utc)
REPLACED = {"to", "cc", "date", "message-id", "delivered-to", "x-original-to"}
ENRON_ADDRESS = re.compile(rb"[A-Za-z0-9._'-]+@enron\.com", re.I)


def messages(path):
    """The raw messages of an mboxrd file, each without its From_ line."""
    with open(path, "rb") as f:
        data = f.read()
    chunks = re.split(rb"(?m)^From [^\n]*\n", data)
    return [c for c in chunks if c.strip()]


def enron_recipients(corpus):
    """Enron addresses that appear in To: of the Enron mailboxes, sorted."""
    found = set()
    enron = os.path.join(corpus, "enron")
    for name in sorted(os.listdir(enron)):
        if not name.endswith(".mbox"):
            continue
        for raw in messages(os.path.join(enron, name)):
            head = raw.split(b"\n\n", 1)[0]
            for line in unfold(head):
                if line.lower().startswith(b"to:"):
                    found.update(a.lower() for a in ENRON_ADDRESS.findall(line))
    return sorted(a.decode() for a in found)


def unfold(head):
    """Header lines with their continuation lines joined."""
    lines = []
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t") and lines:
            lines[-1] += b" " + line.strip()
        else:
            lines.append(line)
    return lines


def readdress(raw, recipient, date, message_id):
    head, sep, body = raw.partition(b"\n\n")
    kept = []
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            if kept and kept[-1] is not None:
                kept[-1] += b"\n" + line
            continue
        name = line.split(b":", 1)[0].strip().lower().decode("latin-1")
        kept.append(None if name in REPLACED else line)
    kept = [line for line in kept if line is not None]
    new = [
        b"Delivered-To: " + recipient.encode(),
        b"To: " + recipient.encode(),
        b"Date: " + email.utils.format_datetime(date).encode(),
        b"Message-ID: <" + message_id.encode() + b">",
    ]
    return b"\n".join(new + kept) + (sep or b"\n\n") + body


def write(path, set_name, raws, recipients, rng):
    with open(path, "wb") as out:
        for i, raw in enumerate(raws):
            date = START + timedelta(minutes=30 * i)
            recipient = rng.choice(recipients)
            out.write(b"From realmail@rapport.invalid " +
                      date.strftime("%a %b %d %H:%M:%S %Y").encode() + b"\n")
            body = readdress(raw, recipient, date, "realmail-%s-%d@rapport.invalid" % (set_name, i))
            out.write(body.rstrip(b"\n") + b"\n\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    phishing = os.path.join(args.corpus, "phishing")
    recipients = enron_recipients(args.corpus)
    if not recipients:
        sys.exit("readdress.py: no Enron recipients found")
    rng = random.Random(SEED)

    pot = messages(os.path.join(phishing, "phishing_pot-sample.mbox"))
    nazario0 = messages(os.path.join(phishing, "nazario-phishing0.mbox"))
    seen = {hashlib.sha256(m).digest() for m in nazario0}
    check = []
    for name in ("nazario-phishing1.mbox", "nazario-20051114.mbox"):
        for raw in messages(os.path.join(phishing, name)):
            digest = hashlib.sha256(raw).digest()
            if digest not in seen:
                seen.add(digest)
                check.append(raw)
    sets = {
        "pot-tune": pot[0::2],
        "pot-check": pot[1::2],
        "nazario-tune": nazario0,
        "nazario-check": check,
    }
    for set_name, raws in sets.items():
        write(os.path.join(args.out, set_name + ".mbox"), set_name, raws, recipients, rng)
        print("%s: %d messages" % (set_name, len(raws)), file=sys.stderr)


if __name__ == "__main__":
    main()
