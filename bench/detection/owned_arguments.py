"""The arguments of the sets over the five owned Enron mailboxes.

owned_mailbox_evaluation (bench/detection/evaluation.sh) runs each set's
gen.py and check.py (blind4, blind5, tune6) with the same arguments:

  gen.py --corpus CORPUS --out GEN --seed SEED --owner MAILBOX=ADDRESS...
  check.py GEN CORPUS --owner MAILBOX=ADDRESS...

This is their one reader. A missing owner, or an --owner without
MAILBOX=ADDRESS, stops the script with one line naming it.
"""
import argparse
import json
import os
import sys

# evaluation.sh's owned_mailboxes: each needs its owner.
OWNED_MAILBOXES = ["beck-s", "farmer-d", "kaminski-v", "lokay-m", "williams-w3"]


def _owners(pairs, script):
    owners = {}
    for pair in pairs:
        mailbox, sep, address = pair.partition("=")
        if not sep or not mailbox or "@" not in address:
            sys.exit("%s: --owner %s: write MAILBOX=ADDRESS (beck-s=sally.beck@enron.com)" % (script, pair))
        owners[mailbox] = address
    for mailbox in OWNED_MAILBOXES:
        if mailbox not in owners:
            sys.exit("%s: no --owner for %s: pass --owner %s=ADDRESS" % (script, mailbox, mailbox))
    return owners


def generator_arguments():
    """gen.py's arguments: (corpus, out, seed, owners{mailbox: address})."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--owner", action="append", default=[])
    a = ap.parse_args()
    return a.corpus, a.out, a.seed, _owners(a.owner, "gen.py")


def check_arguments():
    """check.py's arguments: (gen, corpus, owners{mailbox: address})."""
    ap = argparse.ArgumentParser()
    ap.add_argument("gen")
    ap.add_argument("corpus")
    ap.add_argument("--owner", action="append", default=[])
    a = ap.parse_args()
    return a.gen, a.corpus, _owners(a.owner, "check.py")


def read_manifest(gen):
    """gen.py's manifest.jsonl: (its records in order, {mailbox: {message_id: record}})."""
    with open(os.path.join(gen, "manifest.jsonl")) as f:
        records = [json.loads(line) for line in f if line.strip()]
    by = {}
    for r in records:
        by.setdefault(r["mailbox"], {})[r["message_id"]] = r
    return records, by
