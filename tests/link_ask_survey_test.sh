#!/usr/bin/env bash
# usage: link_ask_survey_test.sh SOURCE_DIR BUILD_DIR
# bench/detection/link_asks' survey prints, for a fixture of six messages,
# the asks ReadLinkAsk reads (a credential in a sentence, the reader's
# details renewed, a signature, an anchor's sign-in; none for a story; no
# line for a message without a link), and its summary counts them.
set -eu
fixtures=$1/tests/fixtures/link_asks
survey=$2/bench/detection/link_ask_survey
out=$(mktemp)
trap 'rm -f "$out" "$out.err"' EXIT
"$survey" "$fixtures/survey.mbox" 2> "$out.err" | cut -f2- > "$out"
diff -u "$fixtures/survey.expected" "$out"
grep -q "5 messages with web links, 3 credential asks read, 1 signature" "$out.err"
# Bad use is an error with its usage.
if "$survey" --nonsense 2> "$out.err"; then exit 1; fi
grep -q "usage: link_ask_survey" "$out.err"
echo "link_ask_survey: as expected"
