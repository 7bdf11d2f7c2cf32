#!/usr/bin/env bash
# blind5: an independent, blind detection evaluation (docs/EVALUATION-BLIND5.md).
# usage: run.sh BUILD_DIR
#
# gen.py writes the five owned Enron mailboxes with attacks of nine families
# injected in Date order, plus two scenario copies (scen-adopt: kaminski-v,
# scen-bucket: lokay-m); owned_mailbox_evaluation (../evaluation.sh) checks
# them against the frozen SHA256SUMS and check.py, replays each with the
# default config (local_domains = enron.com) as its owner's mailbox and
# tabulates. No attack's own line is printed.
#
# Environment: RAPPORT_CORPUS (scripts/corpus.sh); BLIND5_KEEP=1 keeps the
# scratch directory (printed on stderr); BLIND5_CHECK_ONLY=1 stops once the
# generated set matches SHA256SUMS and check.py passes, scoring nothing
# (the ctest blind5_eval_generator).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../evaluation.sh"
detection_label="blind5"
detection_rapportctl "$@"
owned_mailbox_evaluation "$here" 52391 scen-adopt=kaminski-v scen-bucket=lokay-m
