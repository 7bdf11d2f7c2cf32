#!/usr/bin/env bash
# evaluation.sh's replay under DETECTION_NAMES: unset, rapportctl replays
# the file it is given; "restored", a copy with the X-From name back in a
# bare From (display_names/restore.py), the original untouched; any other
# value stops the run with one line naming the variable, at the run's
# start (detection_rapportctl) and before anything is replayed.
# rapportctl is a stand-in that prints the file it was given and that
# file's From lines. No corpus, no build.
# usage: detection_names_replay_test.sh SOURCE_DIR
set -eu
root=$1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

ctl="$scratch/rapportctl"
cat > "$ctl" << 'STANDIN'
#!/usr/bin/env bash
# --config CONF --json replay FILE [OPTION...]
echo "file $5"
grep '^From:' "$5"
STANDIN
chmod +x "$ctl"
mbox="$scratch/in.mbox"
printf '%s\n' "From MAILER-DAEMON Mon Jan  1 00:00:00 2001" "Message-ID: <1@x>" \
  "From: jhanley@riskwaters.com" "X-From: Joel Hanley <jhanley@riskwaters.com>" \
  "Subject: s" "" "Hello." "" > "$mbox"
original=$(cat "$mbox")

failed=0
expect() {  # expect WHAT EXPECTED ACTUAL
  if [ "$2" != "$3" ]; then
    printf '%s:\n  expected: %s\n  got:      %s\n' "$1" "$2" "$3" >&2
    failed=1
  fi
}

# Each case in a subshell: evaluation.sh's functions read the caller's
# globals (ctl, work, results, detection_label), as the run scripts set them.
run_replay() {  # run_replay DETECTION_NAMES_VALUE; prints NAME.jsonl
  (
    source "$root/bench/detection/evaluation.sh"
    detection_label=test
    work="$scratch/work"
    results="$work/results"
    mkdir -p "$results"
    DETECTION_NAMES=$1 replay case "$scratch/conf" "$mbox" 2> /dev/null
    cat "$results/case.jsonl"
  )
}

expect "unset: the file as given" "file $mbox
From: jhanley@riskwaters.com" "$(run_replay "")"
expect "restored: a named copy" "file $scratch/work/named-case.mbox
From: \"Joel Hanley\" <jhanley@riskwaters.com>" "$(run_replay restored)"
expect "restored: the original untouched" "$original" "$(cat "$mbox")"

set +e
out=$(
  source "$root/bench/detection/evaluation.sh"
  detection_label=test
  work="$scratch/work"
  results="$work/results"
  DETECTION_NAMES=named replay bogus "$scratch/conf" "$mbox" 2>&1
)
status=$?
set -e
expect "another value: exit status" 2 "$status"
expect "another value: one line naming it" \
  "$0: DETECTION_NAMES is 'named'; give 'restored' or leave it unset" "$out"
expect "another value: nothing replayed" "" "$(ls "$scratch/work/results" | grep bogus || true)"

# Every run script calls detection_rapportctl first: a bad value stops it
# there, before a set is generated (and before the build is looked for:
# $scratch holds none).
set +e
out=$(
  source "$root/bench/detection/evaluation.sh"
  DETECTION_NAMES=yes detection_rapportctl "$scratch" 2>&1
)
status=$?
set -e
expect "another value, at the start: exit status" 2 "$status"
expect "another value, at the start: one line naming it" \
  "$0: DETECTION_NAMES is 'yes'; give 'restored' or leave it unset" "$out"
exit $failed
