#!/usr/bin/env bash
# Parity of the milter and replay on real mail. usage: run.sh BUILD_DIR [MAILBOX] [N] [parity_check options]
#
# Learns one Enron mailbox (default farmer-d) but for its last N messages
# (default 500), then scores those and 300 re-addressed phishing messages of
# each real_mail set (readdress.py) both ways: fed to the milter's message
# processor as libmilter hands a message, and parsed whole as replay does,
# with the same envelope. Prints how many differ and each difference; exits
# 3 when any does. Options after N go to parity_check: --chunk BYTES,
# --crlf-folds, --as-archived (replay exactly as rapportctl replay does,
# against the milter with the envelope an MTA gives: the facts, not the
# build), --replay-owner (with --as-archived: replay as `rapportctl replay
# --delivered-to OWNER` does). Environment: RAPPORT_CORPUS (scripts/corpus.sh).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [MAILBOX] [N] [OPTION...]" >&2; exit 2; }
check="$(cd "$1" && pwd)/bench/detection/parity/parity_check"
[ -x "$check" ] || { echo "$0: no $check; build parity_check first" >&2; exit 1; }
source "$root/scripts/corpus.sh"
mailbox=${2:-farmer-d}
rapport_require_corpus "enron/$mailbox.mbox" phishing
work=$(mktemp -d /tmp/parity.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 "$root/bench/detection/real_mail/readdress.py" --corpus "$RAPPORT_CORPUS" --out "$work"
"$check" --last "${3:-500}" --limit 300 "${@:4}" enron.com "$RAPPORT_CORPUS/enron/$mailbox.mbox" \
  "$work"/pot-tune.mbox "$work"/pot-check.mbox "$work"/nazario-tune.mbox "$work"/nazario-check.mbox
