#!/usr/bin/env bash
# Real-mail detection evaluation. usage: run.sh BUILD_DIR
#
# Real phishing (phishing_pot, Nazario) delivered to Enron staff after
# learning all of Enron, each mailbox as its owner's (replay.sh
# ENRON_OWNERS), must be tagged or held; spamassassin/easy_ham, another
# organisation's legitimate mail replayed cold, must not be held. The phishing
# is split for honesty: detection was tuned only on the *-tune halves
# (nazario-phishing0, phishing_pot's odd positions); the *-check halves
# (nazario-phishing1 and nazario-20051114, phishing_pot's even positions) are
# reported apart as the check. readdress.py says how messages are
# re-addressed; replay.sh replays them (the holdout uses the same replay.sh
# with its own re-addressed files). Prints Markdown on stdout: per set n,
# held, tagged, delivered, then the signal combinations of the phishing
# misses and of the easy_ham holds.
#
# Environment: RAPPORT_CORPUS (scripts/corpus.sh),
# REAL_MAIL_WORK (scratch directory to keep; default a temporary one, removed),
# REAL_MAIL_REWRITE=FORM (every mbox replayed, the Enron mailboxes learned
# and easy_ham too, is first written again by Python's email library in FORM:
# see pywrite.py; compare.py then lists the verdicts that moved against a
# plain run's results).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
source "$here/../evaluation.sh"
detection_label="real mail"
detection_rapportctl "$@"
source "$root/scripts/corpus.sh"
rapport_require_corpus enron phishing spamassassin/easy_ham.mbox
detection_work_dir "${REAL_MAIL_WORK:-}" real_mail
start=$(date +%s)

python3 "$here/readdress.py" --corpus "$RAPPORT_CORPUS" --out "$gen"
sets=(pot-tune pot-check nazario-tune nazario-check)
pairs=()
for name in "${sets[@]}"; do pairs+=("$name=$gen/$name.mbox"); done
form=${REAL_MAIL_REWRITE:-}
if [ -n "$form" ]; then
  # A corpus of the same mail as Python writes it, for replay.sh to learn
  # and replay in place of the shared one.
  rewritten="$work/corpus-$form"
  rm -rf "$rewritten"
  mkdir -p "$rewritten/enron" "$rewritten/spamassassin"
  for mbox in "$RAPPORT_CORPUS"/enron/*.mbox; do
    python3 "$here/pywrite.py" "$form" "$mbox" "$rewritten/enron/$(basename "$mbox")"
  done
  python3 "$here/pywrite.py" "$form" "$RAPPORT_CORPUS/spamassassin/easy_ham.mbox" \
    "$rewritten/spamassassin/easy_ham.mbox"
  for name in "${sets[@]}"; do
    python3 "$here/pywrite.py" "$form" "$gen/$name.mbox" "$gen/$name.$form.mbox"
    mv "$gen/$name.$form.mbox" "$gen/$name.mbox"
  done
  ENRON_OWNERS=1 RAPPORT_CORPUS=$rewritten bash "$here/replay.sh" "$ctl" "$work" "$results" "${pairs[@]}"
else
  ENRON_OWNERS=1 bash "$here/replay.sh" "$ctl" "$work" "$results" "${pairs[@]}"
fi

echo "# real mail: $(($(date +%s) - start)) s" >&2
echo "# Real-mail detection evaluation"
echo
echo "rapportctl: $ctl ($(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown))${form:+; every mbox written by pywrite.py $form}"
echo
specs=()
for name in "${sets[@]}"; do specs+=("phish=$name=$results/$name.jsonl"); done
python3 "$here/summarise.py" "${specs[@]}" "legit=easy_ham=$results/easy_ham.jsonl=example.com,netnoteinc.com"
