#!/usr/bin/env bash
# End-to-end test of rapportctl held digest with a real Postfix: two
# messages are held (one whose subject is hostile HTML with a URL), the
# digest goes out through the private Postfix's sendmail and is read back
# from the local Maildir: every entry, its signals and commands, the HTML
# part escaped. Then, with notify_recipients = yes, each local recipient's
# notice arrives and holds no link. Errors (no recipient, failing sendmail)
# are one line; the timer's --if-configured run without recipients sends
# nothing and exits 0.
#
#   digest_e2e.sh RAPPORT_MILTER RAPPORTCTL
#
# Installs nothing; skips (exit 77) without root, postfix or swaks.
set -uo pipefail

MILTER=${1:?usage: digest_e2e.sh RAPPORT_MILTER RAPPORTCTL}
RAPPORTCTL=${2:?usage: digest_e2e.sh RAPPORT_MILTER RAPPORTCTL}
HERE=$(cd "$(dirname "$0")" && pwd)
E2E_FIXTURES="$HERE/../fixtures/e2e"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

e2e_begin
LOG="$E2E_DIR/milter.log"
CONF="$E2E_DIR/conf"
INBOX="$E2E_DIR/mail/inbox/new"
e2e_write_milter_config "$CONFIG" "$MILTER_PORT" \
  "[digest]" \
  "from = rapport-digest@example.test" \
  "sendmail = /usr/sbin/sendmail -C $CONF"
e2e_start_postfix "$SMTP_PORT" "$MILTER_PORT"
e2e_start_milter "$MILTER" "$CONFIG" "$MILTER_PORT" "$LOG"

ctl() { "$RAPPORTCTL" --config "$CONFIG" "$@"; }
send() { e2e_send "$SMTP_PORT" "$@"; }
# fails CMD... : the command exits non-zero with exactly one line on stderr.
fails() {
  local err="$E2E_DIR/err.txt"
  if "$@" >/dev/null 2>"$err"; then return 1; fi
  cat "$err"
  [ "$(wc -l <"$err")" = 1 ] && grep -q '^rapportctl: ' "$err"
}
# The Maildir files whose header block has a line matching $1.
with_header() {
  local file
  for file in "$INBOX"/*; do
    [ -f "$file" ] || continue
    sed '/^$/q' "$file" | grep -q -- "$1" && echo "$file"
  done
}
count_with_header() { with_header "$1" | grep -c . ; }
# A mail file decoded (quoted-printable bodies) as a reader sees it.
decoded() { perl -MMIME::QuotedPrint -0777 -ne 'print decode_qp($_)' "$1"; }

# --- 1. Two messages held, one with a hostile subject ------------------------------
HOSTILE='<script>alert("x")</script> & Review https://evil.example/login'
awk -v subject="$HOSTILE" '/^Subject: /{print "Subject: " subject; next} {print}' \
  "$E2E_FIXTURES/inbound-attack.eml" >"$E2E_DIR/hostile.eml"
statement=$(send "$E2E_FIXTURES/inbound-statement.eml" 127.0.0.2 \
  accounts@statements-portal.test alice@example.test)
e2e_check "statement held ($statement)" e2e_wait_for "e2e_in_hold $statement" 100
hostile=$(send "$E2E_DIR/hostile.eml" 127.0.0.2 mallory@proposal-docs.test \
  alice@example.test bob@example.test carol@example.test)
e2e_check "hostile-subject message held ($hostile)" e2e_wait_for "e2e_in_hold $hostile" 100

# --- 2. Errors and the timer's run without recipients -------------------------------
e2e_check "no recipient: one-line error" fails ctl held digest
e2e_check "a bad --to: one-line error" fails ctl held digest --to 'x@example.test;rm'
ctl held digest --if-configured >"$E2E_DIR/unconfigured.txt" 2>&1
e2e_check "--if-configured without [digest] to: exit 0" test $? = 0
e2e_check "... and says why" grep -q 'no digest recipient: set \[digest\] to in' \
  "$E2E_DIR/unconfigured.txt"
sed "s|^sendmail = .*|sendmail = /bin/false|" "$CONFIG" >"$E2E_DIR/broken.conf"
e2e_check "failing sendmail: one line naming the command and its exit status" \
  fails "$RAPPORTCTL" --config "$E2E_DIR/broken.conf" held digest --to admin@example.test
e2e_check "... which names the exit status" \
  grep -q "'/bin/false -i -f rapport-digest@example.test -- admin@example.test' failed: exit status 1" \
  "$E2E_DIR/err.txt"
e2e_check "--dry-run prints the message" \
  bash -c "'$RAPPORTCTL' --config '$CONFIG' held digest --dry-run --to admin@example.test | grep -q '^Auto-Submitted: auto-generated'"
e2e_check "nothing was mailed yet" test "$(count_with_header '^Subject: Rapport:')" = 0

# --- 3. The digest, read from the Maildir ------------------------------------------
e2e_check "held digest --to sends" ctl held digest --since 1h --to admin@example.test
e2e_check "the digest is delivered" \
  e2e_wait_for "[ \"\$(count_with_header '^Subject: Rapport: 2 messages held for review')\" = 1 ]" 150
digest=$(with_header '^Subject: Rapport: 2 messages held for review' | head -1)
if [ -n "$digest" ]; then
  decoded "$digest" >"$E2E_DIR/digest.txt"
else
  : >"$E2E_DIR/digest.txt"
fi
sed -n '/<!DOCTYPE html>/,/<\/html>/p' "$E2E_DIR/digest.txt" >"$E2E_DIR/digest.html"
sed -n '1,/<!DOCTYPE html>/p' "$E2E_DIR/digest.txt" >"$E2E_DIR/digest.plain"
cat "$E2E_DIR/digest.txt"
in_plain() { grep -qF -- "$1" "$E2E_DIR/digest.plain"; }
in_html() { grep -qF -- "$1" "$E2E_DIR/digest.html"; }
e2e_check "delivered to the admin" grep -q '^Delivered-To: admin@example.test' "$digest"
e2e_check "from the configured sender" grep -q '^From: Rapport <rapport-digest@example.test>' "$digest"
e2e_check "marked auto-generated" grep -q '^Auto-Submitted: auto-generated' "$digest"
e2e_check "text and HTML alternatives" grep -q 'multipart/alternative' "$digest"
e2e_check "the HTML part is there" test -s "$E2E_DIR/digest.html"
for id in "$statement" "$hostile"; do
  e2e_check "plain: the entry of $id with its score" in_plain "] $id  score "
  e2e_check "html: the entry of $id with its score" in_html "<code>$id</code> score "
  for part in in_plain in_html; do
    for verb in release delete report; do
      e2e_check "$part: the $verb command of $id" \
        $part "rapportctl --config $CONFIG held $verb $id"
    done
  done
done
e2e_check "plain: the statement's sender" in_plain "accounts@statements-portal.test"
e2e_check "plain: the statement's subject" in_plain "New approved statement"
e2e_check "plain: the hostile message's recipients" \
  in_plain "alice@example.test, bob@example.test, carol@example.test"
e2e_check "plain: the strongest signal with its evidence" \
  grep -qE '^    Signals: +FIRST_FILESHARE_DOMAIN \([0-9.]+\): link to pub-' "$E2E_DIR/digest.plain"
e2e_check "plain: the age" grep -qE 'UTC, [0-9]+m ago' "$E2E_DIR/digest.plain"
e2e_check "html: the hostile subject escaped" \
  in_html '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Review https[:]//evil[.]example/login'
e2e_check "html: no script element" bash -c "! grep -qi '<script' '$E2E_DIR/digest.html'"
e2e_check "html: no link at all" bash -c "! grep -qiE 'href|<a |<img' '$E2E_DIR/digest.html'"
e2e_check "neither part holds a held message's link" bash -c "! grep -q 'r2.dev/' '$E2E_DIR/digest.txt'"
e2e_check "no notice without notify_recipients" \
  test "$(count_with_header '^Subject: A message to you was held')" = 0

# --- 4. Notices to the recipients ---------------------------------------------------
echo "notify_recipients = yes" >>"$CONFIG"
echo "to = admin@example.test" >>"$CONFIG"
ctl held digest --since 1h | tee "$E2E_DIR/notify.txt"
e2e_check "digest and 4 notices sent" grep -q '^4 notice(s) sent' "$E2E_DIR/notify.txt"
e2e_check "4 notices delivered (alice twice, bob, carol)" \
  e2e_wait_for "[ \"\$(count_with_header '^Subject: A message to you was held for review')\" = 4 ]" 150
for rcpt in alice bob carol; do
  e2e_check "a notice delivered to $rcpt" \
    bash -c "for f in \$(grep -l '^Subject: A message to you was held' '$INBOX'/*); do sed '/^\$/q' \"\$f\" | grep -q '^To: $rcpt@example.test' && exit 0; done; exit 1"
done
notices=$(with_header '^Subject: A message to you was held for review')
: >"$E2E_DIR/notices.txt"
for file in $notices; do decoded "$file" >>"$E2E_DIR/notices.txt"; done
cat "$E2E_DIR/notices.txt"
e2e_check "a notice names the hostile subject, defanged" \
  grep -qF 'Subject:   <script>alert("x")</script> & Review https[:]//evil[.]example/login' \
  "$E2E_DIR/notices.txt"
e2e_check "a notice names the statement's sender and subject" \
  grep -qzF "$(printf 'From:      accounts@statements-portal.test\n  Subject:   New approved statement')" \
  "$E2E_DIR/notices.txt"
e2e_check "a notice gives the queue id as its reference" grep -qF "Reference: $hostile" \
  "$E2E_DIR/notices.txt"
e2e_check "notices are plain text" bash -c "! grep -qi 'text/html' $(echo $notices)"
e2e_check "notices hold no link" bash -c "! grep -qE '://|r2\\.dev|evil\\.example' '$E2E_DIR/notices.txt'"
e2e_check "notices say whom to ask" grep -q 'write to rapport-digest@example.test' "$E2E_DIR/notices.txt"
e2e_check "digest and notices were not held themselves" \
  bash -c "[ \"\$(postqueue -c '$CONF' -j 2>/dev/null | grep -c '\"queue_name\": *\"hold\"')\" = 2 ]"

# --- 5. Released mail leaves the digest -----------------------------------------------
export MAIL_CONFIG="$CONF"
sed -i 's/^notify_recipients = yes/notify_recipients = no/' "$CONFIG"
e2e_check "release the statement" ctl held release "$statement" --no-learn
ctl held digest --dry-run --since 1h >"$E2E_DIR/after.txt"
e2e_check "the next digest lists one message" \
  grep -q '^Subject: Rapport: 1 message held for review' "$E2E_DIR/after.txt"

e2e_stop_milter || true
if [ "$E2E_FAILURES" -gt 0 ]; then
  echo "$E2E_FAILURES check(s) failed"
  exit 1
fi
echo "all digest checks passed"
