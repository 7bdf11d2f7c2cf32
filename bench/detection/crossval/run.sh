#!/usr/bin/env bash
# Cross-validation detection evaluation, built blind. usage: run.sh BUILD_DIR
#
# A second independent evaluation beside the frozen holdout, written by
# someone who had not read the scorer or the other generators: its own
# templates, lures, platforms, senders, time windows and languages.
# crossval_gen.py splits the Enron mailboxes at a cutoff (2001-03-01),
# writes the earlier mail to learn.mbox and the later mail, with the
# attacks, their legitimate controls, an adoption scenario and a
# compromised vendor inserted at their times, to replay.mbox. rapportctl
# learns the first (local_domains = enron.com, default config otherwise) and
# replays the second on that store, as the gateway would have met it;
# checks.py first checks that each generated message has its family's shape;
# summarise.py tabulates the replay against the generator's manifest.
# Prints Markdown on stdout: per family held, tagged, delivered; the
# controls; Enron's own inbound and internal mail; the known-correspondent
# median score; adoption and the compromised vendor.
#
# Environment: RAPPORT_CORPUS (scripts/corpus.sh), CROSSVAL_SEED (default
# 19991231), CROSSVAL_WORK (scratch directory to keep; default a temporary
# one, removed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
source "$here/../evaluation.sh"
detection_label="crossval"
detection_rapportctl "$@"
source "$root/scripts/corpus.sh"
rapport_require_corpus enron
detection_work_dir "${CROSSVAL_WORK:-}" crossval
start=$(date +%s)

python3 "$here/crossval_gen.py" --corpus "$RAPPORT_CORPUS" --out "$gen" \
  --seed "${CROSSVAL_SEED:-19991231}"
# Every generated message must have its family's shape before it is scored.
python3 "$here/checks.py" "$gen" >&2
c=$(conf crossval enron.com)
echo "# crossval: learning Enron before the cutoff" >&2
"$ctl" --config "$c" learn "$gen/learn.mbox" > /dev/null
replay crossval "$c" "$gen/replay.mbox"

echo "# crossval: $(($(date +%s) - start)) s" >&2
echo "# Cross-validation detection evaluation"
echo
echo "rapportctl: $ctl ($(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown));" \
  "seed ${CROSSVAL_SEED:-19991231}"
echo
python3 "$here/summarise.py" "$gen/manifest.jsonl" "$results/crossval.jsonl"
