#!/usr/bin/env bash
# blind3: a third detection evaluation, built blind (docs/EVALUATION-BLIND3.md).
# usage: run.sh BUILD_DIR
#
# gen.py writes the five owned Enron mailboxes with attacks injected in Date
# order (their owners read by the enron_owner tool, ../evaluation.sh); the
# generated files must match the frozen SHA256SUMS beside this script, or the
# run stops. Each mailbox is then replayed from an empty store twice, as its
# owner's (`replay --delivered-to OWNER`) and as archived, and tabulate.py
# prints Markdown: per family held / tagged / delivered and median score, the
# scenarios, the legitimate figures of both envelopes and every legitimate
# message held. No attack's own line is printed.
#
# Environment: RAPPORT_CORPUS (scripts/corpus.sh), BLIND3_WORK (scratch
# directory to keep; default a temporary one, removed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
source "$here/../evaluation.sh"
detection_label="blind3"
detection_rapportctl "$@"
source "$root/scripts/corpus.sh"
rapport_require_corpus enron
detection_work_dir "${BLIND3_WORK:-}" blind3
start=$(date +%s)

owned_mailbox_owners
echo "# blind3: generating" >&2
python3 "$here/gen.py" --corpus "$RAPPORT_CORPUS" --out "$gen" "${owner_args[@]}"
if ! (cd "$gen" && sha256sum --quiet -c "$here/SHA256SUMS"); then
  echo "$0: the generated set differs from the frozen SHA256SUMS: the generator or the" \
       "corpus changed; the set is frozen" >&2
  exit 1
fi

for mailbox in "${owned_mailboxes[@]}"; do
  replay "$mailbox.owner" "$(conf "$mailbox-owner" enron.com)" "$gen/$mailbox.mbox" \
    --delivered-to "${owner[$mailbox]}" 2> /dev/null
  replay "$mailbox.archived" "$(conf "$mailbox-archived" enron.com)" "$gen/$mailbox.mbox" \
    2> /dev/null
done

echo "# blind3: $(($(date +%s) - start)) s" >&2
# Which source tree the build was made from and that tree's HEAD now (a
# build may be older than its tree), beside this checkout's commit: the
# evaluation may measure another tree's build.
source_dir=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
built=$(cd "${source_dir:-$root}" 2>/dev/null && git rev-parse --short HEAD 2>/dev/null || echo unknown)
python3 "$here/tabulate.py" "$gen" "$results" --commit "$ctl (built from ${source_dir:-unknown}, whose HEAD is $built now;\
 blind3 at $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown))"
