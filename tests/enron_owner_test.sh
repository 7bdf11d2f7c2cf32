#!/usr/bin/env bash
# evaluation.sh's enron_owner, which real_mail and the holdout (with
# HOLDOUT_OWNERS=1) deliver each Enron mailbox to, prints the owners
# attack_eval and parity_check read by the same rule (EnronMailboxOwner,
# bench/detection/enron_owner.h): the five addresses of the table the
# shell kept until the twelfth round, and nothing for the berkeley file.
# usage: enron_owner_test.sh SOURCE_DIR BUILD_DIR
set -eu
root=$1
ctl="$2/cli/rapportctl"  # enron_owner runs the tool built beside it
source "$root/scripts/corpus.sh"
rapport_require_corpus enron
source "$root/bench/detection/evaluation.sh"
failed=0
while read -r mailbox expected; do
  owner=$(enron_owner "$mailbox")
  if [ "$owner" != "${expected:-}" ]; then
    echo "enron_owner $mailbox: '$owner', expected '${expected:-}'" >&2
    failed=1
  fi
done <<'TABLE'
beck-s sally.beck@enron.com
farmer-d daren.j.farmer@enron.com
kaminski-v vince.j.kaminski@enron.com
lokay-m michelle.lokay@enron.com
williams-w3 bill.williams@enron.com
berkeley-enron_with_categories
TABLE
exit $failed
