#!/usr/bin/env bash
# Legitimate Enron mail as a gateway sees it: senders with their names.
# usage: named.sh BUILD_DIR
#
# Enron's From headers carry no display names (the archive keeps them in
# X-From), so attack_eval and the holdout score its legitimate mail without
# the names a gateway would see. namesakes.py prepare writes each mailbox
# with every From given its X-From name; each of the six mailboxes is then
# replayed twice, as archived and named, into a store of its own
# (local_domains = enron.com, default config): each message scored on the
# history before it and then learned, as attack_eval replays the mailboxes'
# own mail. named.py prints Markdown: inbound and internal held/tagged both
# ways (every message, and after the first 10% of each mailbox), and every
# message held with names, with its signals and evidence.
# About 15 seconds (two cores); not in CI.
#
# Environment: RAPPORT_CORPUS (scripts/corpus.sh),
# NAMED_WORK (scratch directory to keep; default a temporary one, removed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
source "$here/../evaluation.sh"
detection_label="named"
detection_rapportctl "$@"
source "$root/scripts/corpus.sh"
rapport_require_corpus enron
detection_work_dir "${NAMED_WORK:-}" named

python3 "$here/namesakes.py" prepare --corpus "$RAPPORT_CORPUS" --out "$gen"
mailboxes=()
for mbox in "$RAPPORT_CORPUS"/enron/*.mbox; do
  m=$(basename "$mbox")
  mailboxes+=("$m")
  replay "plain-$m" "$(conf "plain-$m" enron.com)" "$mbox"
  replay "named-$m" "$(conf "named-$m" enron.com)" "$gen/named/$m"
done

echo "# Legitimate Enron mail with senders' names restored"
echo
echo "rapportctl: $ctl ($(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown))"
echo
python3 "$here/named.py" --results "$results" --mailboxes "${mailboxes[@]}"
