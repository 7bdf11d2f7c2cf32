#!/usr/bin/env bash
# rapportctl's archive commands as an admin runs them, on a three-message
# mbox written here: `replay --json` names each message's direction
# (inbound, internal, outbound) as the gateway judged it, `links` lists
# the links the parser read (an HTML anchor, a URL in a plain-text body, a
# bare host with a path) as a table and, with --json, one line per message,
# and `domain` lists who linked a link domain.
set -uo pipefail
RAPPORTCTL=${1:?usage: rapportctl_archive_test.sh RAPPORTCTL}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*"
  exit 1
}

cat >"$work/rapport.conf" <<EOF
local_domains = acme.test
state_dir = $work/state
EOF
cat >"$work/mail.mbox" <<'EOF'
From ann@vendor.test Mon Mar  2 09:00:00 2026
From: Ann <ann@vendor.test>
To: bob@acme.test
Subject: Statement
Date: Mon, 2 Mar 2026 09:00:00 +0000
Message-ID: <in1@vendor.test>
Content-Type: text/html; charset=utf-8

<p>Your statement: <a href="https://portal.vendor.test/s/1">view</a></p>

From bob@acme.test Mon Mar  2 10:00:00 2026
From: Bob <bob@acme.test>
To: carol@acme.test
Subject: Minutes
Date: Mon, 2 Mar 2026 10:00:00 +0000
Message-ID: <int1@acme.test>
Content-Type: text/plain; charset=utf-8

The minutes are at https://wiki.acme.test/minutes and the slides at
slides.example.org/deck today.

From bob@acme.test Mon Mar  2 11:00:00 2026
From: Bob <bob@acme.test>
To: ann@vendor.test
Subject: Re: Statement
Date: Mon, 2 Mar 2026 11:00:00 +0000
Message-ID: <out1@acme.test>
Content-Type: text/plain; charset=utf-8

Thanks, received.
EOF

# replay --json: one line per message, each with its direction.
replayed=$("$RAPPORTCTL" --config "$work/rapport.conf" --json replay "$work/mail.mbox") ||
  fail "replay exited $?"
echo "$replayed"
directions=$(python3 -c '
import json, sys
for line in sys.stdin:
    row = json.loads(line)
    print(row["message_id"], row["direction"])
' <<<"$replayed") || fail "replay --json lines are not JSON with message_id and direction"
[ "$directions" = "in1@vendor.test inbound
int1@acme.test internal
out1@acme.test outbound" ] || fail "directions: $directions"

# links --json: file, offset, message_id and the links of each message.
linked=$("$RAPPORTCTL" --config "$work/rapport.conf" --json links "$work/mail.mbox") ||
  fail "links --json exited $?"
echo "$linked"
read_links=$(python3 -c '
import json, sys
for line in sys.stdin:
    row = json.loads(line)
    assert row["file"].endswith("mail.mbox") and isinstance(row["offset"], int), row
    print(row["message_id"], " ".join(
        link["source"] + ":" + link["url"] for link in row["links"]) or "-")
' <<<"$linked") || fail "links --json lines lack file, offset, message_id or links"
[ "$read_links" = "in1@vendor.test a:https://portal.vendor.test/s/1
int1@acme.test text:https://wiki.acme.test/minutes text://slides.example.org/deck
out1@acme.test -" ] || fail "links read: $read_links"

# links as text: each message by file and offset, then the explain table.
table=$("$RAPPORTCTL" --config "$work/rapport.conf" links "$work/mail.mbox") ||
  fail "links exited $?"
echo "$table"
# The first message starts after the mbox's "From " line.
from_line=$(head -n 1 "$work/mail.mbox")
grep -q "^$work/mail.mbox:$((${#from_line} + 1))  message-id in1@vendor.test$" <<<"$table" ||
  fail "the first message is not named by its file and offset"
grep -Eq "^  view +-> https://portal.vendor.test/s/1  \[vendor.test\]$" <<<"$table" ||
  fail "the anchor's line is missing"
grep -Eq -- "-> //slides.example.org/deck  \[example.org\]$" <<<"$table" ||
  fail "the bare host's line is missing"

# No path: usage on stderr, status 2.
"$RAPPORTCTL" --config "$work/rapport.conf" links 2>"$work/usage" && fail "links with no path"
[ $? = 2 ] || fail "links with no path: status not 2"
grep -q "usage: rapportctl links PATH" "$work/usage" || fail "links usage"
# A path that cannot be read: one line naming it, status 1.
"$RAPPORTCTL" --config "$work/rapport.conf" links "$work/absent.mbox" 2>"$work/absent" &&
  fail "links on a missing file"
[ $? = 1 ] || fail "links on a missing file: status not 1"
grep -q "absent.mbox: no such file" "$work/absent" || fail "links names the missing file"
# replay --delivered-to: the archive is a mailbox of dave@acme.test. A list's
# mail naming no local address reached dave (inbound, judged for him); the
# other messages name local recipients or are his own, and keep their
# directions.
cat >"$work/dave.mbox" <<'MBOX'
From poster@isp.test Tue Mar  3 09:00:00 2026
From: Poster <poster@isp.test>
To: group@lists.test
Subject: Meeting notes
Date: Tue, 3 Mar 2026 09:00:00 +0000
Message-ID: <list1@isp.test>

Notes attached soon.

From dave@acme.test Tue Mar  3 10:00:00 2026
From: Dave <dave@acme.test>
To: ann@vendor.test
Subject: Sent
Date: Tue, 3 Mar 2026 10:00:00 +0000
Message-ID: <sent1@acme.test>

My own sent mail.
MBOX
reached=$("$RAPPORTCTL" --config "$work/rapport.conf" --json replay "$work/dave.mbox" \
  --delivered-to Dave@ACME.test) || fail "replay --delivered-to exited $?"
echo "$reached"
grep -q '"message_id":"list1@isp.test"' <<<"$reached" || fail "replay --delivered-to lost a message"
# Its hidden reader is what HIDDEN_RECIPIENTS reads: a new sender's blind copy.
hidden=$(python3 -c '
import json, sys
for line in sys.stdin:
    row = json.loads(line)
    print(row["message_id"], row["direction"], "HIDDEN_RECIPIENTS" in json.dumps(row))
' <<<"$reached") || fail "replay --delivered-to lines are not JSON"
[ "$hidden" = "list1@isp.test inbound True
sent1@acme.test outbound False" ] || fail "replay --delivered-to: $hidden"
# A bad address: one line saying why, status 1, nothing replayed.
for bad in "not-an-address" "dave@elsewhere.test"; do
  "$RAPPORTCTL" --config "$work/rapport.conf" replay "$work/dave.mbox" --delivered-to "$bad" \
    >"$work/bad.out" 2>"$work/bad" && fail "replay --delivered-to $bad succeeded"
  [ $? = 1 ] || fail "replay --delivered-to $bad: status not 1"
  [ "$(wc -l <"$work/bad")" = 1 ] || fail "replay --delivered-to $bad: not one line"
  grep -q -- "--delivered-to $bad: not" "$work/bad" || fail "replay --delivered-to $bad: $(cat "$work/bad")"
  [ ! -s "$work/bad.out" ] || fail "replay --delivered-to $bad replayed"
done
"$RAPPORTCTL" --config "$work/rapport.conf" replay "$work/dave.mbox" --delivered-to 2>"$work/bad" &&
  fail "replay --delivered-to without an address succeeded"
grep -q "needs an ADDRESS" "$work/bad" || fail "replay --delivered-to without an address"

# replay without --delivered-to says what it could not judge as a gateway
# would: the list's post named no local recipient. With it, nothing to say.
rm -rf "$work/state"
"$RAPPORTCTL" --config "$work/rapport.conf" replay "$work/dave.mbox" >"$work/plain" ||
  fail "replay exited $?"
grep -q "^1 inbound message names no local recipient .*--delivered-to ADDRESS" "$work/plain" ||
  fail "replay without --delivered-to gave no hint: $(tail -2 "$work/plain")"
rm -rf "$work/state"
"$RAPPORTCTL" --config "$work/rapport.conf" --json replay "$work/dave.mbox" >"$work/plain.json" \
  2>"$work/plain.err" || fail "replay --json exited $?"
grep -q "no local recipient" "$work/plain.err" || fail "replay --json gave no hint on stderr"
grep -q "no local recipient" "$work/plain.json" && fail "replay --json wrote its hint to stdout"
rm -rf "$work/state"
"$RAPPORTCTL" --config "$work/rapport.conf" replay "$work/dave.mbox" --delivered-to dave@acme.test \
  >"$work/owned" || fail "replay --delivered-to exited $?"
grep -q "no local recipient" "$work/owned" && fail "replay --delivered-to still hints"

# learn --delivered-to: a list's post that names no local address is
# learned as reaching dave unnamed (a relationship, a hidden recipient);
# learned without it, it reached no one inside.
cat >"$work/post.mbox" <<'MBOX'
From erin@college.test Wed Mar  4 09:00:00 2026
From: Erin <erin@college.test>
To: group@lists.test
Subject: Agenda
Date: Wed, 4 Mar 2026 09:00:00 +0000
Message-ID: <post1@college.test>

Agenda for Friday.
MBOX
learned_post() {
  "$RAPPORTCTL" --config "$work/rapport.conf" --json sender erin@college.test | python3 -c '
import json, sys
s = json.load(sys.stdin)
print(s["profile"]["hidden_recipient_messages"], " ".join(r["internal"] for r in s["relationships"]))
'
}
"$RAPPORTCTL" --config "$work/rapport.conf" learn "$work/post.mbox" >/dev/null ||
  fail "learn exited $?"
[ "$(learned_post)" = "0 " ] || fail "learn without --delivered-to: $(learned_post)"
"$RAPPORTCTL" --config "$work/rapport.conf" learn "$work/post.mbox" --delivered-to dave@acme.test \
  >/dev/null || fail "learn --delivered-to exited $?"
[ "$(learned_post)" = "1 dave@acme.test" ] || fail "learn --delivered-to: $(learned_post)"

# domain: a link domain's record lists who linked it, as text and as JSON;
# FIRST_FILESHARE_DOMAIN reads the same list.
rm -rf "$work/state"
"$RAPPORTCTL" --config "$work/rapport.conf" learn "$work/mail.mbox" >/dev/null ||
  fail "learn exited $?"
described=$("$RAPPORTCTL" --config "$work/rapport.conf" domain vendor.test) ||
  fail "domain exited $?"
echo "$described"
grep -q "^  as a link domain: 1 messages from 1 senders" <<<"$described" ||
  fail "domain: the link domain's counts"
grep -q "^    senders: ann@vendor.test$" <<<"$described" || fail "domain: its senders as text"
senders=$("$RAPPORTCTL" --config "$work/rapport.conf" --json domain vendor.test |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["link_domain"]["senders"])') ||
  fail "domain --json has no link_domain senders"
[ "$senders" = "['ann@vendor.test']" ] || fail "domain --json senders: $senders"

echo "rapportctl replay --json and links read the archive as expected"
