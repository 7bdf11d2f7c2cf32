#!/usr/bin/env bash
# End-to-end test with a real Sendmail (see /work/shared/SENDMAIL-TESTING.md).
# Debian's sendmail-bin conflicts with postfix, so the test never installs
# it: it downloads sendmail-bin, sendmail-cf and m4 with apt-get download,
# unpacks them with dpkg -x, builds a private .cf with m4 from the lines of
# packaging/sendmail/rapport.mc, and runs that Sendmail as a daemon on a
# free loopback port with its own queue, delivering local mail to files.
#
#   sendmail_e2e.sh RAPPORT_MILTER RAPPORTCTL
#
# Legitimate mail is delivered with X-Rapport-Score; the seed attack is
# quarantined (smfi_quarantine) with Rapport's reason, listed by
# "sendmail -bp -qQ"; rapportctl held list/show/release/delete act on
# Sendmail's quarantine with the commands of [mta] preset = sendmail
# (pointed at the private Sendmail); a released message is delivered.
# Skips (exit 77) without root, swaks, unshare or the package mirror.
set -uo pipefail

MILTER=${1:?usage: sendmail_e2e.sh RAPPORT_MILTER RAPPORTCTL}
RAPPORTCTL=${2:?usage: sendmail_e2e.sh RAPPORT_MILTER RAPPORTCTL}
HERE=$(cd "$(dirname "$0")" && pwd)
SOURCE=$(cd "$HERE/../.." && pwd)
E2E_FIXTURES="$HERE/../fixtures/e2e"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

for tool in swaks unshare apt-get dpkg; do
  command -v "$tool" >/dev/null || e2e_skip "$tool is not installed (scripts/install-deps.sh installs it)"
done
e2e_setup_scratch

# Sendmail refuses an alias file below a group- or world-writable directory
# (such as /tmp): its scratch directory lives in /run.
SM=$(mktemp -d /run/rapport-sendmail.XXXXXX)
chmod 755 "$SM"
E2E_UNDO+=("rm -rf '$SM'")
ROOT="$SM/root"
(cd "$SM" && apt-get download sendmail-bin sendmail-cf m4 >"$SM/download.log" 2>&1) ||
  { cat "$SM/download.log"; e2e_skip "apt-get download sendmail-bin sendmail-cf m4 failed"; }
for deb in "$SM"/*.deb; do dpkg -x "$deb" "$ROOT"; done
SENDMAIL_BIN="$ROOT/usr/libexec/sendmail/sendmail"
ldd "$SENDMAIL_BIN" | grep -q 'not found' &&
  e2e_skip "sendmail's shared libraries are missing (scripts/install-deps.sh installs libwrap0 and liblockfile1)"

SMTP_PORT=$(e2e_free_port)
MILTER_PORT=$(e2e_free_port "$SMTP_PORT")
mkdir -p "$SM/q" "$SM/mq" "$SM/mail"
chmod 700 "$SM/q"
touch "$SM/statistics"
echo "postmaster: root" >"$SM/aliases"
# Local delivery: one file per message.
cat >"$SM/deliver" <<DELIVER
#!/bin/sh
exec cat >"$SM/mail/\$\$.\$(date +%s%N)"
DELIVER
chmod 755 "$SM/deliver"
# The milter line as shipped, pointed at this test's milter port.
filter=$(grep '^INPUT_MAIL_FILTER' "$SOURCE/packaging/sendmail/rapport.mc" |
  sed "s/inet:8894@127.0.0.1/inet:$MILTER_PORT@127.0.0.1/")
cat >"$SM/test.mc" <<MC
include(\`$ROOT/usr/share/sendmail/cf/m4/cf.m4')dnl
OSTYPE(\`linux')dnl
define(\`confDOMAIN_NAME', \`mx.rapport.test')dnl
FEATURE(\`nocanonify')dnl
FEATURE(\`accept_unresolvable_domains')dnl
FEATURE(\`accept_unqualified_senders')dnl
define(\`confDONT_PROBE_INTERFACES', \`True')dnl
define(\`QUEUE_DIR', \`$SM/q')dnl
define(\`MSP_QUEUE_DIR', \`$SM/mq')dnl
define(\`confPID_FILE', \`$SM/sendmail.pid')dnl
define(\`STATUS_FILE', \`$SM/statistics')dnl
define(\`ALIAS_FILE', \`$SM/aliases')dnl
define(\`LOCAL_MAILER_PATH', \`$SM/deliver')dnl
define(\`LOCAL_MAILER_ARGS', \`deliver \$u')dnl
MODIFY_MAILER_FLAGS(\`LOCAL', \`-w')dnl
define(\`confMILTER_MACROS_ENVFROM', \`i, {auth_type}, {auth_authen}, {mail_addr}')dnl
define(\`confMILTER_MACROS_EOM', \`{msg_id}, i')dnl
DAEMON_OPTIONS(\`Port=$SMTP_PORT, Addr=127.0.0.1, Name=MTA')dnl
$filter
LOCAL_DOMAIN(\`example.test')dnl
MAILER(\`local')dnl
MAILER(\`smtp')dnl
MC
"$ROOT/usr/bin/m4" "$SM/test.mc" >"$SM/test.cf" || { e2e_fail "m4 could not build the .cf"; exit 1; }
# Sendmail canonicalises the host name at every start and waits a minute
# for a name no resolver knows: each invocation gets its own UTS namespace
# with a dotted name.
cat >"$SM/sendmail" <<WRAP
#!/bin/sh
exec unshare -u sh -c 'hostname mx.rapport.test && exec "\$0" -C "$SM/test.cf" "\$@"' "$SENDMAIL_BIN" "\$@"
WRAP
chmod 755 "$SM/sendmail"
"$SM/sendmail" -bi >"$SM/newaliases.log" 2>&1 || { cat "$SM/newaliases.log"; e2e_fail "newaliases failed"; exit 1; }

# [mta] preset = sendmail, its four commands pointed at this Sendmail (an
# explicit command wins over the preset).
LOG="$E2E_DIR/milter.log"
CONFIG="$E2E_DIR/rapport.conf"
e2e_write_milter_config "$CONFIG" "$MILTER_PORT" \
  "[mta]" \
  "preset = sendmail" \
  "release_command = $SM/sendmail -qQ -qI{queue_id} -Q" \
  "flush_command = $SM/sendmail -qI{queue_id}" \
  "show_command = $SOURCE/packaging/sendmail/queued-message $SM/q {queue_id}" \
  "delete_command = rm -- $SM/q/hf{queue_id} $SM/q/df{queue_id}"
sed -i '/^internal_networks/d' "$CONFIG"
e2e_start_milter "$MILTER" "$CONFIG" "$MILTER_PORT" "$LOG"

"$SM/sendmail" -bD >"$SM/daemon.log" 2>&1 &
E2E_PIDS+=("$!")
e2e_wait_for "(exec 3<>/dev/tcp/127.0.0.1/$SMTP_PORT) 2>/dev/null" 100 ||
  { cat "$SM/daemon.log"; e2e_fail "sendmail is not listening on 127.0.0.1:$SMTP_PORT"; exit 1; }

ctl() { "$RAPPORTCTL" --config "$CONFIG" "$@"; }
# send FILE FROM TO...: prints the queue id Sendmail gave the message.
send() {
  local file=$1 from=$2 transcript="$E2E_DIR/swaks-$RANDOM.txt"
  shift 2
  swaks --server "127.0.0.1:$SMTP_PORT" --from "$from" --to "$(IFS=,; echo "$*")" \
    --data "@$file" --timeout 20 >"$transcript" 2>&1
  sed -n 's/.*250 2\.0\.0 \([0-9A-Za-x]*\) Message accepted.*/\1/p' "$transcript" | tail -1
}
delivered_with() { e2e_wait_for "grep -lq -- '$1' $SM/mail/* 2>/dev/null" 100; }
quarantined() { "$SM/sendmail" -bp -qQ 2>/dev/null | grep -q "^$1 "; }
not_quarantined() { ! quarantined "$1"; }

# --- 1. Legitimate mail is delivered with X-Rapport-Score ---------------------
invoice=$(send "$E2E_FIXTURES/inbound-invoice.eml" billing@vendor.test alice@example.test)
e2e_check "invoice accepted by Sendmail ($invoice)" test -n "$invoice"
e2e_check "invoice scored and logged with Sendmail's queue id" \
  e2e_wait_for "grep -q '$invoice: inbound score=[0-9]* action=\(accept\|tag\)' '$LOG'" 50
e2e_check "invoice delivered" delivered_with "id $invoice"
e2e_check "delivered with X-Rapport-Score" \
  bash -c "grep -l -- 'id $invoice' $SM/mail/* | xargs grep -q '^X-Rapport-Score: [0-9]*'"

# --- 2. The seed attack is quarantined with the reason ------------------------
statement=$(send "$E2E_FIXTURES/inbound-statement.eml" accounts@statements-portal.test \
  alice@example.test)
e2e_check "statement held ($statement)" \
  e2e_wait_for "grep -q '$statement: inbound score=[0-9]* action=hold' '$LOG'" 50
"$SM/sendmail" -bp -qQ >"$E2E_DIR/quarantine.txt" 2>&1
cat "$E2E_DIR/quarantine.txt"
e2e_check "in Sendmail's quarantine (sendmail -bp -qQ)" grep -q "^$statement " "$E2E_DIR/quarantine.txt"
e2e_check "with Rapport's reason" grep -q 'QUARANTINE: Rapport score [0-9]*' "$E2E_DIR/quarantine.txt"
e2e_check "not delivered" bash -c "! grep -lq -- 'id $statement' $SM/mail/* 2>/dev/null"

# --- 3. rapportctl held against Sendmail's quarantine --------------------------
e2e_check "held list shows it" bash -c "'$RAPPORTCTL' --config '$CONFIG' held list | grep -q '^$statement '"
ctl held show "$statement" >"$E2E_DIR/show.txt" 2>&1
cat "$E2E_DIR/show.txt"
e2e_check "held show: signals" grep -q 'FIRST_FILESHARE_DOMAIN' "$E2E_DIR/show.txt"
e2e_check "held show: the body from Sendmail's queue" \
  grep -q 'your new approved statement is ready' "$E2E_DIR/show.txt"
e2e_check "held release" ctl held release "$statement"
e2e_check "released mail delivered" delivered_with "id $statement"
e2e_check "released mail out of the quarantine" not_quarantined "$statement"

attack=$(send "$E2E_FIXTURES/inbound-attack.eml" mallory@proposal-docs.test alice@example.test \
  bob@example.test carol@example.test)
e2e_check "attack quarantined ($attack)" e2e_wait_for "quarantined $attack" 50
e2e_check "held delete" ctl held delete "$attack"
e2e_check "deleted mail gone from the queue" bash -c "! ls $SM/q/*$attack >/dev/null 2>&1"
e2e_check "deleted mail not delivered" bash -c "! grep -lq -- 'id $attack' $SM/mail/* 2>/dev/null"

e2e_stop_milter || e2e_fail "SIGTERM: rapport-milter did not stop cleanly"
[ "$E2E_FAILURES" = 0 ] || exit 1
echo "sendmail checks passed"
