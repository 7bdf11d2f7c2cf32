#!/usr/bin/env bash
# Real namesakes of staff: how DISPLAY_NAME_IMPERSONATION and
# STAFF_NAME_NEW_LINK_DOMAIN judge real outsiders whose name is a staff
# member's. usage: namesakes.sh BUILD_DIR
#
# namesakes.py prepare writes the six Enron mailboxes with each From given
# the display name its X-From shows (Enron's From headers carry none) and
# lists the inbound messages whose sender's name matches a staff member's;
# the mailboxes are replayed, in Date order, into one store (local_domains
# = enron.com: each message scored on the history before it, then learned,
# as attack_eval replays them); namesakes.py report prints Markdown. Then
# the same question for easy_ham, replayed as real_mail/replay.sh does.
# Also a synthetic upper bound, not a base rate: the Enron mail again with
# every outside sender renamed to a member of staff (one name per address).
#
# Environment: RAPPORT_CORPUS (scripts/corpus.sh),
# NAMESAKES_WORK (scratch directory to keep; default a temporary one, removed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
source "$here/../evaluation.sh"
detection_label="namesakes"
detection_rapportctl "$@"
source "$root/scripts/corpus.sh"
rapport_require_corpus enron spamassassin/easy_ham.mbox
detection_work_dir "${NAMESAKES_WORK:-}" namesakes

python3 "$here/namesakes.py" prepare --corpus "$RAPPORT_CORPUS" --out "$gen"
replay enron-named "$(conf enron-named enron.com)" "$gen/enron-named.mbox"
replay enron-renamed "$(conf enron-renamed enron.com)" "$gen/enron-renamed.mbox"
replay easy_ham "$(conf easy_ham 'example.com, netnoteinc.com')" \
  "$RAPPORT_CORPUS/spamassassin/easy_ham.mbox"

echo "# Real namesakes of staff"
echo
echo "rapportctl: $ctl ($(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown))"
echo
echo "## Enron, senders' names restored from X-From"
echo
python3 "$here/namesakes.py" report --manifest "$gen/namesakes.tsv" \
  --replay "$results/enron-named.jsonl"
echo
echo "## The synthetic upper bound: every outside sender renamed to a member of staff"
echo
python3 "$here/namesakes.py" renamed --manifest "$gen/renamed.tsv" \
  --replay "$results/enron-renamed.jsonl" --named "$results/enron-named.jsonl"
echo
echo "## easy_ham"
echo
python3 "$here/namesakes.py" easyham --corpus "$RAPPORT_CORPUS" --replay "$results/easy_ham.jsonl"
