# Sourced by the detection evaluations (holdout/run.sh, real_mail/run.sh).
#
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
