# Sourced by the detection evaluations (holdout/run.sh, real_mail/run.sh,
# real_mail/replay.sh): what they share to drive rapportctl. Each caller
# sets `detection_label` (the prefix of its progress lines) first.

# detection_rapportctl "$@": the caller's arguments must be one BUILD_DIR
# holding a built rapportctl; sets build and ctl, or exits with a usage or
# a build hint.
detection_rapportctl() {
  [ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
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

# replay NAME CONF FILE [OPTION...]: replays FILE with CONF, its JSON lines
# into $results/NAME.jsonl; OPTIONs go to `rapportctl replay`.
replay() {
  echo "# $detection_label: replaying $1" >&2
  "$ctl" --config "$2" --json replay "$3" "${@:4}" > "$results/$1.jsonl"
}
