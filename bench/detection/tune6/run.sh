#!/usr/bin/env bash
# tune6: a tuning detection set built blind (docs/EVALUATION-TUNE6.md).
# usage: run.sh BUILD_DIR [TABULATE_ARGUMENT...]   e.g. run.sh build --show-missed
#
# gen.py writes the five owned Enron mailboxes with attacks of three families
# (bcc1: first-contact stranger to one reader as a blind copy; lateral: a
# compromised enron.com colleague; lookalike: a registrable look-alike of a
# both-way correspondent's domain) and legitimate controls shaped like them,
# injected in Date order; owned_mailbox_evaluation (../evaluation.sh) checks
# them against the frozen SHA256SUMS and check.py, replays each with the
# default config (local_domains = enron.com) as its owner's mailbox and
# tabulates. No scenarios. Arguments after BUILD_DIR go to tabulate.py
# (--show-missed: one line per attack not held and per control held or
# tagged; this is a tuning set, its misses may be read).
#
# Environment: RAPPORT_CORPUS (scripts/corpus.sh); TUNE6_KEEP=1 keeps the
# scratch directory (printed on stderr); TUNE6_CHECK_ONLY=1 stops once the
# generated set matches SHA256SUMS and check.py passes, scoring nothing
# (the ctest tune6_eval_generator).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../evaluation.sh"
detection_label="tune6"
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [TABULATE_ARGUMENT...]" >&2; exit 2; }
build_dir=$1
shift
detection_tabulate_args=("$@")
detection_rapportctl "$build_dir"
owned_mailbox_evaluation "$here" 60611
