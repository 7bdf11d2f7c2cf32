#!/usr/bin/env bash
# display_names: the archive's own mail with its senders' display names
# back in From (docs/DETECTION.md, "What the archive hides: display names").
# usage: run.sh BUILD_DIR
#
# The Enron export moved each sender's display name out of From into
# X-From, so every reading of a display name (DISPLAY_NAME_IMPERSONATION,
# DISPLAY_NAME_OTHER_DOMAIN, BRAND_IMPERSONATION, a look-alike's reused
# name...) is silent on the archive as the other evaluations replay it,
# where a gateway would see the names. restore.py writes each of the five
# owned mailboxes with the names back; this replays the archive as exported
# and as restored, each from an empty store with the default config as its
# owner's mailbox (`replay --json --delivered-to OWNER`), and tabulate.py
# prints both and every message held in either. Every message is
# legitimate: a hold is a false positive. No attack is injected.
#
# Environment: RAPPORT_CORPUS (scripts/corpus.sh).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../evaluation.sh"
detection_label="display_names"
detection_rapportctl "$@"
root=$(cd "$here/../../.." && pwd)
source "$root/scripts/corpus.sh"
rapport_require_corpus enron
detection_work_dir "" display_names
start=$(date +%s)
owned_mailbox_owners
for mailbox in "${owned_mailboxes[@]}"; do
  python3 "$here/restore.py" "$RAPPORT_CORPUS/enron/$mailbox.mbox" "$gen/$mailbox.mbox"
  replay "archived-$mailbox" "$(conf "archived-$mailbox" enron.com)" \
    "$RAPPORT_CORPUS/enron/$mailbox.mbox" --delivered-to "${owner[$mailbox]}" 2> /dev/null
  replay "named-$mailbox" "$(conf "named-$mailbox" enron.com)" "$gen/$mailbox.mbox" \
    --delivered-to "${owner[$mailbox]}" 2> /dev/null
done
echo "# $detection_label: $(($(date +%s) - start)) s" >&2
built=$(cd "$root" && git rev-parse --short HEAD 2> /dev/null || echo unknown)
python3 "$here/tabulate.py" "$results" --build "$ctl (checkout HEAD $built)" "${owned_mailboxes[@]}"
