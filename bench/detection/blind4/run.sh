#!/usr/bin/env bash
# blind4: an independent detection evaluation (docs/EVALUATION-BLIND4.md).
# usage: run.sh BUILD_DIR
#
# gen.py writes the five owned Enron mailboxes with attacks injected in Date
# order, plus two scenario copies (scen-adoption: kaminski-v, scen-vendor:
# farmer-d); owned_mailbox_evaluation (../evaluation.sh) checks them
# against the frozen SHA256SUMS and check.py, replays each as its owner's
# mailbox and tabulates. No attack's own line is printed.
#
# Environment: RAPPORT_CORPUS (scripts/corpus.sh); BLIND4_KEEP=1 keeps the
# scratch directory (printed on stderr); BLIND4_CHECK_ONLY=1 stops once the
# generated set matches SHA256SUMS and check.py passes, scoring nothing
# (the ctest blind4_eval_generator).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../evaluation.sh"
detection_label="blind4"
detection_rapportctl "$@"
owned_mailbox_evaluation "$here" 40417 scen-adoption=kaminski-v scen-vendor=farmer-d
