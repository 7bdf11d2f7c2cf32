#!/usr/bin/env bash
# scripts/corpus.sh with RAPPORT_CORPUS pointing where no corpus is: a
# script that needs it stops with status 1 and one line naming the missing
# file and where the corpus comes from.
set -uo pipefail
SOURCE=${1:?usage: corpus_missing_test.sh SOURCE_DIR}
missing=/nonexistent/rapport-corpus
status=0
message=$(RAPPORT_CORPUS=$missing bash -c \
  'source "$1/scripts/corpus.sh"; rapport_require_corpus enron/farmer-d.mbox; echo "not stopped"' \
  check "$SOURCE" 2>&1) || status=$?
echo "$message"
[ "$status" = 1 ] || { echo "FAIL: status $status, not 1"; exit 1; }
[ "$message" = "check: missing corpus file $missing/enron/farmer-d.mbox: the shared corpus comes from RAPPORT_CORPUS (default ../shared/corpus beside the checkout)" ] ||
  { echo "FAIL: unexpected message"; exit 1; }
echo "corpus.sh names the missing file"
