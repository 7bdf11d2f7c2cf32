#!/usr/bin/env bash
# blind4: an independent detection evaluation (docs/EVALUATION-BLIND4.md).
# usage: run.sh BUILD_DIR
#
# gen.py writes the five owned Enron mailboxes with attacks injected in Date
# order, plus two scenario copies; the generated files must match the frozen
# SHA256SUMS beside this script, or the run stops. Each copy is replayed from
# an empty store as its owner's mailbox (`replay --json --delivered-to
# OWNER`), and tabulate.py prints Markdown. No attack's own line is printed.
#
# Environment: RAPPORT_CORPUS (scripts/corpus.sh); BLIND4_KEEP=1 keeps the
# scratch directory (printed on stderr); BLIND4_CHECK_ONLY=1 stops once the
# generated set matches SHA256SUMS and check.py passes, scoring nothing
# (the ctest blind4_eval_generator).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
source "$here/../evaluation.sh"
detection_label="blind4"
detection_rapportctl "$@"
source "$root/scripts/corpus.sh"
rapport_require_corpus enron
work=$(mktemp -d /tmp/blind4.XXXXXX)
if [ -z "${BLIND4_KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "# blind4: keeping $work" >&2; fi
gen="$work/gen"
results="$work/results"
mkdir -p "$gen" "$results"
start=$(date +%s)

mailboxes=(beck-s farmer-d kaminski-v lokay-m williams-w3)
declare -A owner
owners=()
for mailbox in "${mailboxes[@]}"; do
  owner[$mailbox]=$(enron_owner "$mailbox")
  [ -n "${owner[$mailbox]}" ] || { echo "$0: no owner for $mailbox" >&2; exit 1; }
  owners+=(--owner "$mailbox=${owner[$mailbox]}")
done
echo "# blind4: generating" >&2
python3 "$here/gen.py" --corpus "$RAPPORT_CORPUS" --out "$gen" --seed 40417 "${owners[@]}"
if ! (cd "$gen" && sha256sum --quiet -c "$here/SHA256SUMS"); then
  echo "$0: the generated set differs from the frozen SHA256SUMS (generator or corpus changed)" >&2
  exit 1
fi
if ! python3 "$here/check.py" "$gen" "$RAPPORT_CORPUS" "${owners[@]}" >&2; then
  echo "$0: check.py found malformed injected messages" >&2
  exit 1
fi
if [ -n "${BLIND4_CHECK_ONLY:-}" ]; then
  echo "# blind4: the generated set matches SHA256SUMS and check.py passes" >&2
  exit 0
fi

# The scenario copies are copies of one mailbox each (gen.py says which).
owner[scen-adoption]=${owner[kaminski-v]}
owner[scen-vendor]=${owner[farmer-d]}
for name in "${mailboxes[@]}" scen-adoption scen-vendor; do
  replay "$name" "$(conf "$name" enron.com)" "$gen/$name.mbox" --delivered-to "${owner[$name]}" 2> /dev/null
done

echo "# blind4: $(($(date +%s) - start)) s" >&2
built=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
python3 "$here/tabulate.py" "$gen" "$results" --build "$ctl (checkout HEAD $built)"
