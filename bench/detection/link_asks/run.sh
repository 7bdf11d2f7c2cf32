#!/usr/bin/env bash
# What ReadLinkAsk reads beside the links of real mail (link_ask_survey.cc).
# usage: run.sh BUILD_DIR
#
# Real phishing, split as real_mail splits it (readdress.py: the *-tune
# halves are the ones word lists may be read against, the *-check halves
# only measured), then the Enron mailboxes and spamassassin/easy_ham, whose
# asks are legitimate mail's. Prints Markdown on stdout: per set, messages
# with a web link and those where an ask was read beside one. A phishing
# message without a credential ask (a prize, a parcel, a pill) is not a
# miss; the figure to compare is each set's before and after a change.
#
# Environment: RAPPORT_CORPUS (scripts/corpus.sh).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
survey="$(cd "$1" && pwd)/bench/detection/link_ask_survey"
[ -x "$survey" ] || { echo "$0: no $survey; build link_ask_survey first" >&2; exit 1; }
source "$root/scripts/corpus.sh"
rapport_require_corpus enron phishing spamassassin/easy_ham.mbox
work=$(mktemp -d /tmp/link_asks.XXXXXX)
trap 'rm -rf "$work"' EXIT
if ! python3 "$root/bench/detection/real_mail/readdress.py" --corpus "$RAPPORT_CORPUS" --out "$work" \
  > /dev/null 2> "$work/readdress.err"; then
  cat "$work/readdress.err" >&2
  exit 1
fi

row() {  # row NAME MBOX...
  local name=$1
  shift
  "$survey" "$@" 2> /dev/null | awk -F'\t' -v name="$name" '
    { n++; if ($5 ~ /^credential/) c++; if ($5 ~ /own-account/) o++; if ($5 == "signature") s++ }
    END { printf "| %s | %d | %d (%.1f%%) | %d | %d |\n", name, n, c, n ? 100 * c / n : 0, o, s }'
}

echo "# What ReadLinkAsk reads beside links of real mail"
echo
echo "| set | messages with a web link | credential asked | of them naming the reader's own mail account | signature asked |"
echo "|---|---|---|---|---|"
for name in pot-tune pot-check nazario-tune nazario-check; do row "$name" "$work/$name.mbox"; done
row "Enron (the corpus' six mbox files)" "$RAPPORT_CORPUS"/enron/*.mbox
row "easy_ham" "$RAPPORT_CORPUS/spamassassin/easy_ham.mbox"
