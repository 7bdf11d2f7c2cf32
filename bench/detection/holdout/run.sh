#!/usr/bin/env bash
# The frozen holdout detection evaluation (issue 14). usage: run.sh BUILD_DIR
#
# FROZEN - NEVER TUNE ON THIS SET. bench/detection/attack_eval is the tuning set; this
# one is only scored on, before and after a change, with exactly this command.
# Do not change the generator, its seed or the tabulator to make a build look
# better, and do not read its misses while changing detection: the figures
# would stop meaning anything. The generated files' sha256 are in SHA256SUMS
# beside this script (and docs/DETECTION.md); the run stops when they differ
# (HOLDOUT_ALLOW_CHANGED=1 to go on anyway, e.g. with another corpus).
#
# It drives the product as an admin would: writes each Enron mailbox with
# injected messages as a new mbox in a scratch directory, replays each with
# `rapportctl --json replay` under the default config (local_domains =
# enron.com, a scratch state_dir), learns all of Enron and replays real
# phishing re-addressed to Enron staff, replays spamassassin/easy_ham as
# another organisation (both by ../real_mail/replay.sh), and tabulates the
# JSON (Markdown on stdout).
#
# HOLDOUT_OWNERS=1 is a second measurement beside the frozen one, not a
# replacement: each Enron mailbox is replayed and learned as its owner's
# (`--delivered-to`, enron_owner in ../evaluation.sh), as a gateway's RCPT
# TO delivers its Bcc and list mail; the generated files are the same.
#
# Environment: RAPPORT_CORPUS (scripts/corpus.sh), HOLDOUT_OWNERS,
# HOLDOUT_WORK (scratch directory to keep; default a temporary one, removed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
source "$here/../evaluation.sh"
detection_label=holdout
detection_rapportctl "$@"
source "$root/scripts/corpus.sh"
rapport_require_corpus enron phishing spamassassin/easy_ham.mbox
corpus=$RAPPORT_CORPUS
detection_work_dir "${HOLDOUT_WORK:-}" holdout
start=$(date +%s)

echo "# holdout: generating (seed frozen in holdout_gen.py)" >&2
python3 "$here/holdout_gen.py" --corpus "$corpus" --out "$gen"
(cd "$gen" && sha256sum ./*.mbox manifest.tsv | sed 's| \./| |' | sort -k2) > "$work/SHA256SUMS"
echo "# generated files (sha256):" >&2
cat "$work/SHA256SUMS" >&2
if ! cmp -s "$work/SHA256SUMS" "$here/SHA256SUMS"; then
  echo "run.sh: the generated files differ from the frozen ones ($here/SHA256SUMS)" >&2
  if [ "${HOLDOUT_ALLOW_CHANGED:-0}" != 1 ]; then exit 1; fi
fi

for f in "$gen"/holdout-*.mbox "$gen"/scenario-*.mbox; do
  name=$(basename "$f" .mbox)
  owner=
  [ "${HOLDOUT_OWNERS:-0}" = 1 ] && owner=$(enron_owner "${name#holdout-}")
  replay "$name" "$(conf "$name" enron.com)" "$f" ${owner:+--delivered-to "$owner"}
done

# Real phishing and easy_ham: the same plumbing as bench/detection/real_mail.
ENRON_OWNERS=${HOLDOUT_OWNERS:-0} bash "$here/../real_mail/replay.sh" "$ctl" "$work" "$results" \
  phish-pot="$gen/phish-pot.mbox" phish-nazario="$gen/phish-nazario.mbox"

echo "# holdout: $(($(date +%s) - start)) s" >&2
echo "# Holdout detection evaluation (frozen; never tuned on)"
echo
echo "rapportctl: $ctl ($(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown))"
echo
python3 "$here/tabulate.py" --manifest "$gen/manifest.tsv" "$results"
