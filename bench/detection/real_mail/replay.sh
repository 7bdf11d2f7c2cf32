#!/usr/bin/env bash
# Replays real mail the way the detection evaluations need it: phishing
# delivered to Enron staff after learning all of Enron, and
# spamassassin/easy_ham as another organisation with nothing learned.
# usage: replay.sh RAPPORTCTL WORK RESULTS NAME=MBOX...
#
# Learns the six Enron mailboxes into WORK/state-enron (local_domains =
# enron.com, default config otherwise), copies that store for each NAME and
# replays its MBOX on the copy, so delivered phishing is learned as the
# gateway would learn it; then replays easy_ham.mbox into a store of its own
# with local_domains = example.com, netnoteinc.com (the recipients' domains in
# its Delivered-To). Each replay's JSON lines go to RESULTS/NAME.jsonl and
# RESULTS/easy_ham.jsonl. Called by real_mail/run.sh and holdout/run.sh, so
# both replay real mail with the same commands.
#
# With ENRON_OWNERS=1 (real_mail/run.sh sets it; the holdout decides for
# itself) each Enron mailbox is learned as its owner's, one after another:
# `learn --delivered-to OWNER`, so that its mail naming no local address
# (a blind copy, a list's mail) reached the owner as a gateway's RCPT TO
# says (enron_owner, ../evaluation.sh); berkeley-enron_with_categories
# gathers many people's mail and is learned as archived.
#
# Environment: RAPPORT_CORPUS (scripts/corpus.sh), ENRON_OWNERS.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
[ $# -ge 3 ] || { echo "usage: $0 RAPPORTCTL WORK RESULTS NAME=MBOX..." >&2; exit 2; }
ctl=$1 work=$2 results=$3
shift 3
source "$root/scripts/corpus.sh"
rapport_require_corpus enron spamassassin/easy_ham.mbox
corpus=$RAPPORT_CORPUS
source "$here/../evaluation.sh"
detection_label="real mail"

echo "# real mail: learning all of Enron" >&2
learned=$(conf enron enron.com)
if [ "${ENRON_OWNERS:-0}" = 1 ]; then
  for mailbox in beck-s farmer-d kaminski-v lokay-m williams-w3; do
    "$ctl" --config "$learned" learn "$corpus/enron/$mailbox.mbox" \
      --delivered-to "$(enron_owner "$mailbox")" > /dev/null
  done
  "$ctl" --config "$learned" learn "$corpus"/enron/berkeley-enron_with_categories.mbox > /dev/null
else
  "$ctl" --config "$learned" learn "$corpus"/enron/*.mbox > /dev/null
fi
for pair in "$@"; do
  name=${pair%%=*}
  c=$(conf "$name" enron.com)
  rmdir "$work/state-$name"
  cp -a "$work/state-enron" "$work/state-$name"
  replay "$name" "$c" "${pair#*=}"
done

replay easy_ham "$(conf easy_ham 'example.com, netnoteinc.com')" "$corpus/spamassassin/easy_ham.mbox"
