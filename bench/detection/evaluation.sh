# Sourced by the detection evaluations (holdout/run.sh, real_mail/run.sh,
# real_mail/replay.sh): what they share to drive rapportctl. Each caller
# sets `detection_label` (the prefix of its progress lines) first.

# detection_rapportctl "$@": the caller's arguments must be one BUILD_DIR
# holding a built rapportctl; sets build and ctl, or exits with a usage or
# a build hint (or on a bad DETECTION_NAMES, before anything is generated).
detection_rapportctl() {
  [ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
  names_restored || true  # here only to stop on a bad DETECTION_NAMES
  build=$(cd "$1" && pwd)
  ctl="$build/cli/rapportctl"
  [ -x "$ctl" ] || { echo "$0: no $ctl; build rapportctl first" >&2; exit 1; }
}

# detection_work_dir KEEP PREFIX sets work, gen and results: with KEEP set,
# work is KEEP, emptied of the last run's files; otherwise a new temporary
# directory /tmp/PREFIX.XXXXXX, removed on exit. gen and results are made
# inside it.
detection_work_dir() {
  if [ -n "$1" ]; then
    work=$1
    rm -rf "$work/gen" "$work/results" "$work"/state-* "$work"/*.conf
    mkdir -p "$work"
  else
    work=$(mktemp -d "/tmp/$2.XXXXXX")
    trap 'rm -rf "$work"' EXIT
  fi
  gen="$work/gen"
  results="$work/results"
  mkdir -p "$gen" "$results"
}

# conf NAME DOMAINS: writes a default config for local domains DOMAINS with
# a scratch state_dir in $work, and prints its path.
conf() {
  printf 'local_domains = %s\nstate_dir = %s\n' "$2" "$work/state-$1" > "$work/$1.conf"
  mkdir -p "$work/state-$1"
  echo "$work/$1.conf"
}

# enron_owner MAILBOX: the address the Enron mailbox MAILBOX (beck-s ->
# sally.beck@enron.com) of $RAPPORT_CORPUS belongs to; nothing for
# berkeley-enron_with_categories, which gathers many people's mail. Read
# from the mailbox by the rule attack_eval and parity_check call
# (EnronMailboxOwner, bench/detection/enron_owner.h), through the enron_owner
# tool built beside $ctl: one home for who owns each mailbox.
enron_owner() {
  local tool
  tool="$(dirname "$ctl")/../bench/detection/enron_owner"
  [ -x "$tool" ] || { echo "$0: no $tool; build enron_owner first" >&2; return 1; }
  "$tool" "$1" "$RAPPORT_CORPUS/enron/$1.mbox"
}

# names_restored: true when DETECTION_NAMES is "restored", false when it
# is unset or empty; any other value exits with one line naming it.
names_restored() {
  case ${DETECTION_NAMES:-} in
    "") return 1 ;;
    restored) return 0 ;;
    *)
      echo "$0: DETECTION_NAMES is '$DETECTION_NAMES'; give 'restored' or leave it unset" >&2
      exit 2
      ;;
  esac
}

# replay NAME CONF FILE [OPTION...]: replays FILE with CONF, its JSON lines
# into $results/NAME.jsonl; OPTIONs go to `rapportctl replay`.
# With DETECTION_NAMES=restored, FILE is replayed as
# display_names/restore.py writes it, each archive sender's X-From name
# back in From: the evaluation as a gateway would meet mail that shows
# names (injected messages, named already, are copied as they are).
replay() {
  local file=$3
  if names_restored; then
    file="$work/named-$1.mbox"
    python3 "$(dirname "${BASH_SOURCE[0]}")/display_names/restore.py" "$3" "$file"
  fi
  echo "# $detection_label: replaying $1" >&2
  "$ctl" --config "$2" --json replay "$file" "${@:4}" > "$results/$1.jsonl"
}

# owned_mailbox_owners: the five owned Enron mailboxes (owned_mailboxes),
# the address each belongs to (owner[MAILBOX], enron_owner) and the
# generators' arguments naming them (owner_args: --owner MAILBOX=ADDRESS...).
# Exits when a mailbox has no owner.
owned_mailbox_owners() {
  owned_mailboxes=(beck-s farmer-d kaminski-v lokay-m williams-w3)
  declare -gA owner
  owner_args=()
  local mailbox
  for mailbox in "${owned_mailboxes[@]}"; do
    owner[$mailbox]=$(enron_owner "$mailbox")
    [ -n "${owner[$mailbox]}" ] || { echo "$0: no owner for $mailbox" >&2; exit 1; }
    owner_args+=(--owner "$mailbox=${owner[$mailbox]}")
  done
}

# owned_mailbox_evaluation HERE SEED SCENARIO=MAILBOX...: the run of a set
# built blind over the five owned Enron mailboxes (blind4, blind5), whose
# directory HERE holds gen.py, check.py, tabulate.py and a frozen
# SHA256SUMS. gen.py writes MAILBOX.mbox for each owned mailbox and
# SCENARIO.mbox, a copy of MAILBOX, for each scenario; the run stops unless
# the files match SHA256SUMS and check.py passes. Each copy is replayed from
# an empty store with the default config as its owner's mailbox (`replay
# --json --delivered-to OWNER`), and tabulate.py prints Markdown. Call after
# detection_rapportctl; the caller sets detection_label. Environment:
# RAPPORT_CORPUS; LABEL_KEEP=1 (BLIND5_KEEP for blind5) keeps the scratch
# directory; LABEL_CHECK_ONLY=1 stops before scoring. A caller may set the
# array detection_tabulate_args: more arguments for tabulate.py (tune6).
owned_mailbox_evaluation() {
  local here=$1 seed=$2 root label_upper keep check_only start built
  shift 2
  root=$(cd "$here/../../.." && pwd)
  label_upper=$(printf '%s' "$detection_label" | tr '[:lower:]' '[:upper:]')
  keep="${label_upper}_KEEP"
  check_only="${label_upper}_CHECK_ONLY"
  source "$root/scripts/corpus.sh"
  rapport_require_corpus enron
  work=$(mktemp -d "/tmp/$detection_label.XXXXXX")
  if [ -z "${!keep:-}" ]; then
    trap 'rm -rf "$work"' EXIT
  else
    echo "# $detection_label: keeping $work" >&2
  fi
  gen="$work/gen"
  results="$work/results"
  mkdir -p "$gen" "$results"
  start=$(date +%s)

  local mailbox scenario
  owned_mailbox_owners
  echo "# $detection_label: generating" >&2
  python3 "$here/gen.py" --corpus "$RAPPORT_CORPUS" --out "$gen" --seed "$seed" "${owner_args[@]}"
  if ! (cd "$gen" && sha256sum --quiet -c "$here/SHA256SUMS"); then
    echo "$0: the generated set differs from the frozen SHA256SUMS (generator or corpus changed)" >&2
    exit 1
  fi
  if ! python3 "$here/check.py" "$gen" "$RAPPORT_CORPUS" "${owner_args[@]}" >&2; then
    echo "$0: check.py found malformed injected messages" >&2
    exit 1
  fi
  if [ -n "${!check_only:-}" ]; then
    echo "# $detection_label: the generated set matches SHA256SUMS and check.py passes" >&2
    exit 0
  fi

  local copies=("${owned_mailboxes[@]}")
  for scenario in "$@"; do
    owner[${scenario%%=*}]=${owner[${scenario#*=}]}
    copies+=("${scenario%%=*}")
  done
  for mailbox in "${copies[@]}"; do
    replay "$mailbox" "$(conf "$mailbox" enron.com)" "$gen/$mailbox.mbox" \
      --delivered-to "${owner[$mailbox]}" 2> /dev/null
  done

  echo "# $detection_label: $(($(date +%s) - start)) s" >&2
  built=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
  python3 "$here/tabulate.py" "$gen" "$results" --build "$ctl (checkout HEAD $built)" \
    ${detection_tabulate_args[@]+"${detection_tabulate_args[@]}"}
}
