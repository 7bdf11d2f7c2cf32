# Sourced by the scripts that read the shared corpus (Enron mailboxes,
# phishing and ham samples): the one place that says where it is.
#   RAPPORT_CORPUS  the corpus directory [../shared/corpus beside the checkout]
# Sets RAPPORT_CORPUS to an absolute path and defines rapport_require_corpus.

RAPPORT_CORPUS=${RAPPORT_CORPUS:-$(dirname "${BASH_SOURCE[0]}")/../../shared/corpus}
RAPPORT_CORPUS=$(cd "$RAPPORT_CORPUS" 2>/dev/null && pwd || echo "$RAPPORT_CORPUS")

# rapport_require_corpus PATH...: each PATH (relative to the corpus) exists,
# or the script stops with what is missing and where it comes from.
rapport_require_corpus() {
  local path
  for path in "$@"; do
    if [ ! -e "$RAPPORT_CORPUS/$path" ]; then
      echo "$(basename "$0"): missing corpus file $RAPPORT_CORPUS/$path: the shared corpus comes" \
        "from RAPPORT_CORPUS (default ../shared/corpus beside the checkout)" >&2
      exit 1
    fi
  done
}
