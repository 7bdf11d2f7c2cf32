# Shared by the end-to-end scripts: scratch directory, free ports, a private
# Postfix on loopback (e2e_start_postfix below) and rapport-milter.
# Every process started here is recorded and stopped by PID in e2e_cleanup.

E2E_SKIP=77
E2E_PIDS=()
E2E_MOUNTS=()
# Commands e2e_cleanup evaluates once every process above has stopped: how a
# test puts back what it changed on the machine.
E2E_UNDO=()
# The private Postfix instances started, by their directory (conf, queue,
# data, mail and maillog inside): $E2E_DIR for the first, as e2e_start_postfix
# is told for others.
E2E_POSTFIX_ROOTS=()
E2E_FAILURES=0

# A skip is for a developer's machine without the tools; CI sets
# RAPPORT_E2E_STRICT=1 (scripts/test.sh), where a skip would hide a missing
# install step, so there it fails instead.
e2e_skip() {
  if [ "${RAPPORT_E2E_STRICT:-0}" = 1 ]; then echo "FAIL: cannot run: $*"; exit 1; fi
  echo "SKIP: $*"
  exit "$E2E_SKIP"
}
# e2e_skip_part WHY: skips one part of a test the same way, failing it under
# RAPPORT_E2E_STRICT.
e2e_skip_part() {
  if [ "${RAPPORT_E2E_STRICT:-0}" = 1 ]; then e2e_fail "cannot run: $*"; else echo "SKIP: $*"; fi
}
# Skips the test unless the Postfix and swaks it drives are installed.
e2e_require_postfix_and_swaks() {
  local tool
  for tool in postfix swaks; do
    command -v "$tool" >/dev/null || e2e_skip "$tool is not installed (scripts/install-deps.sh installs it)"
  done
}
# e2e_begin_miltertest: the start of every test that drives rapport-milter
# with miltertest alone: skips without it, makes the scratch directory, and
# sets PORT (free), CONFIG (the milter's config file) and LOG (its log).
e2e_begin_miltertest() {
  command -v miltertest >/dev/null ||
    e2e_skip "miltertest is not installed (scripts/install-deps.sh installs it)"
  e2e_setup_scratch
  PORT=$(e2e_free_port)
  CONFIG="$E2E_DIR/rapport.conf"
  LOG="$E2E_DIR/milter.log"
}
# e2e_begin: the start of every test that drives the private Postfix: skips
# without Postfix and swaks, makes the scratch directory, and sets SMTP_PORT
# and MILTER_PORT (two free ports) and CONFIG (the milter's config file).
e2e_begin() {
  e2e_require_postfix_and_swaks
  e2e_setup_scratch
  SMTP_PORT=$(e2e_free_port)
  MILTER_PORT=$(e2e_free_port "$SMTP_PORT")
  CONFIG="$E2E_DIR/rapport.conf"
}
e2e_fail() { echo "FAIL: $*"; E2E_FAILURES=$((E2E_FAILURES + 1)); }
e2e_pass() { echo "ok: $*"; }
e2e_check() {  # e2e_check "what" command...
  local what=$1; shift
  if "$@"; then e2e_pass "$what"; else e2e_fail "$what"; fi
}

# Waits up to $2 tenths of a second (default 100) for command $1 to succeed.
e2e_wait_for() {
  local i limit=${2:-100}
  for ((i = 0; i < limit; i++)); do
    if eval "$1"; then return 0; fi
    sleep 0.1
  done
  return 1
}

# A port no socket uses yet, different from the ones given as arguments.
# Drawn below the kernel's ephemeral range: a port in it may be the local
# end of any client connection opened meanwhile (swaks, the MTA's milter
# client), and a listener then fails to bind it ("postfix did not start").
e2e_free_port() {
  local port used low span
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range
  span=$((low > 21024 ? low - 20000 : 1024))
  for ((;;)); do
    port=$((20000 + RANDOM % span))
    for used in "$@"; do [ "$port" = "$used" ] && continue 2; done
    [ -z "$(ss -Htan "( sport = :$port )" 2>/dev/null)" ] || continue
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
}

e2e_setup_scratch() {
  [ "$(id -u)" = 0 ] || e2e_skip "needs root (a private Postfix and privilege dropping)"
  E2E_DIR=$(mktemp -d /tmp/rapport-e2e.XXXXXX)
  chmod 755 "$E2E_DIR"
  trap e2e_cleanup EXIT
}

e2e_cleanup() {
  local status=$?
  local pid mount
  for pid in "${E2E_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      e2e_wait_for "! kill -0 $pid 2>/dev/null" 50 || kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  for mount in "${E2E_MOUNTS[@]}"; do umount "$mount" 2>/dev/null || true; done
  e2e_undo
  local root
  for root in "${E2E_POSTFIX_ROOTS[@]}"; do
    postfix -c "$root/conf" stop >/dev/null 2>&1 || true
    e2e_stop_postfix_master "$root"
    e2e_forget_config_dir "$root/conf"
  done
  if [ "$status" != 0 ] && [ "$status" != "$E2E_SKIP" ]; then
    local log
    for log in "$E2E_DIR"/milter*.log; do
      [ -f "$log" ] && { echo "--- $(basename "$log") ---"; tail -60 "$log"; }
    done
    for root in "${E2E_POSTFIX_ROOTS[@]}"; do
      echo "--- postfix maillog ($root) ---"; tail -40 "$root/maillog" 2>/dev/null
    done
  fi
  if [ -n "${E2E_KEEP:-}" ]; then echo "kept $E2E_DIR"; else rm -rf "$E2E_DIR"; fi
  exit "$status"
}

# e2e_stop_postfix_master ROOT: the master of the instance in ROOT, by the
# PID in its private queue directory.
e2e_stop_postfix_master() {
  local pid_file="$1/queue/pid/master.pid" pid
  [ -f "$pid_file" ] || return 0
  pid=$(tr -d ' ' <"$pid_file")
  [ -n "$pid" ] || return 0
  e2e_wait_for "! kill -0 $pid 2>/dev/null" 50 && return 0
  kill -TERM "$pid" 2>/dev/null || true
  e2e_wait_for "! kill -0 $pid 2>/dev/null" 30 || kill -KILL "$pid" 2>/dev/null || true
}

# Postfix accepts "-c DIR" only for directories listed in the default
# main.cf; e2e_allow_config_dir DIR adds one (keeping whatever else is
# listed) and e2e_forget_config_dir DIR takes it out again. Both name
# /etc/postfix: a test that exports MAIL_CONFIG would otherwise read and
# write its private main.cf instead, and leave the default one listing it.
e2e_allow_config_dir() {
  if [ ! -f /etc/postfix/main.cf ]; then
    cp /usr/share/postfix/main.cf.dist /etc/postfix/main.cf
  fi
  local current
  current=$(postconf -c /etc/postfix -h alternate_config_directories 2>/dev/null || true)
  postconf -c /etc/postfix -e "alternate_config_directories = $current $1"
}

e2e_forget_config_dir() {
  local current kept=() dir
  current=$(postconf -c /etc/postfix -h alternate_config_directories 2>/dev/null || true)
  for dir in $current; do
    [ "$dir" = "$1" ] || kept+=("$dir")
  done
  # The last one gone: no key at all, as Debian's main.cf has none.
  if [ ${#kept[@]} -eq 0 ]; then
    postconf -c /etc/postfix -X alternate_config_directories 2>/dev/null || true
  else
    postconf -c /etc/postfix -e "alternate_config_directories = ${kept[*]}" 2>/dev/null || true
  fi
}

# Evaluates E2E_UNDO, newest first.
e2e_undo() {
  local i
  for ((i = ${#E2E_UNDO[@]} - 1; i >= 0; i--)); do eval "${E2E_UNDO[i]}" || true; done
  E2E_UNDO=()
}

# e2e_keep_account NAME: when the account (user and group) NAME is absent
# now, e2e_undo removes whatever of it the test creates.
e2e_keep_account() {
  local name=$1
  # Undone newest first: the user (and with it its own group), then a group
  # left behind.
  getent group "$name" >/dev/null ||
    E2E_UNDO+=("! getent group $name >/dev/null || groupdel $name")
  getent passwd "$name" >/dev/null || E2E_UNDO+=("userdel $name 2>/dev/null")
}

# e2e_make_queue_directory QUEUE: a private queue directory, laid out as
# postfix-files says.
e2e_make_queue_directory() {
  local queue=$1 dir
  for dir in active bounce corrupt defer deferred flush hold incoming private saved trace; do
    install -d -m 700 -o postfix -g root "$queue/$dir"
  done
  install -d -m 730 -o postfix -g postdrop "$queue/maildrop"
  install -d -m 710 -o postfix -g postdrop "$queue/public"
  install -d -m 755 -o root -g root "$queue/pid"
}

# e2e_start_postfix SMTP_PORT MILTER_PORT [ROOT]: a private Postfix whose
# smtpd listens on SMTP_PORT and is filtered by the milter on MILTER_PORT,
# with its config, queue, data, mailboxes and log in ROOT ($E2E_DIR by
# default; another directory is another instance).
e2e_start_postfix() {
  local smtp_port=$1 milter_port=$2 root=${3:-$E2E_DIR}
  local conf="$root/conf"
  command -v postfix >/dev/null && command -v postconf >/dev/null ||
    e2e_skip "postfix is not installed (scripts/install-deps.sh installs it)"
  mkdir -p "$conf" "$root/queue" "$root/data" "$root/mail"
  chown postfix "$root/data"
  chown nobody "$root/mail"
  sed -E "s/^smtp( +)inet .*/127.0.0.1:$smtp_port inet n - n - - smtpd/" \
    /usr/share/postfix/master.cf.dist >"$conf/master.cf"
  cat >"$conf/main.cf" <<MAINCF
compatibility_level = 3.6
queue_directory = $root/queue
data_directory = $root/data
inet_interfaces = loopback-only
inet_protocols = ipv4
myhostname = mx.example.test
mydestination =
mynetworks = 127.0.0.0/8
virtual_mailbox_domains = example.test
virtual_mailbox_base = $root/mail
virtual_mailbox_maps = static:inbox/
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
smtpd_milters = inet:127.0.0.1:$milter_port
non_smtpd_milters = inet:127.0.0.1:$milter_port
milter_default_action = accept
milter_protocol = 6
maillog_file = $root/maillog
maillog_file_prefixes = $root
default_transport = discard:no outbound mail in tests
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
biff = no
alias_maps =
alias_database =
MAINCF
  # Unchrooted everywhere: the chroot would be the scratch queue directory.
  postconf -c "$conf" -F '*/*/chroot = n'
  e2e_allow_config_dir "$conf"
  # Listed now, so that cleanup stops it and forgets its directory even if
  # it fails to start.
  E2E_POSTFIX_ROOTS+=("$root")
  e2e_make_queue_directory "$root/queue"
  # "postfix start" would spend seconds in "postfix check" on a queue made
  # just above; the master alone starts at once (-w: returns when ready).
  if ! "$(postconf -h daemon_directory)/master" -c "$conf" -w; then
    tail -20 "$root/maillog" 2>/dev/null
    e2e_fail "postfix did not start"
    exit 1
  fi
  e2e_wait_for "(exec 3<>/dev/tcp/127.0.0.1/$smtp_port) 2>/dev/null" 100 ||
    { e2e_fail "postfix is not listening on 127.0.0.1:$smtp_port"; exit 1; }
}

# e2e_write_milter_config FILE MILTER_PORT [extra lines...]
e2e_write_milter_config() {
  local file=$1 port=$2; shift 2
  mkdir -p "$E2E_DIR/state"
  chown nobody "$E2E_DIR/state"
  chmod 700 "$E2E_DIR/state"
  {
    echo "local_domains = example.test"
    echo "internal_networks = 127.0.0.1/32"
    echo "socket = inet:$port@127.0.0.1"
    echo "user = nobody"
    echo "state_dir = $E2E_DIR/state"
    echo "on_error = accept"
    echo "log_level = info"
    for line in "$@"; do echo "$line"; done
  } >"$file"
}

# e2e_private_mta_lines: the [mta] section, one line each, that points the
# held-mail commands at the private Postfix of e2e_start_postfix. For
# e2e_write_milter_config: mapfile -t mta < <(e2e_private_mta_lines).
e2e_private_mta_lines() {
  local conf="$E2E_DIR/conf"
  echo "[mta]"
  echo "release_command = postsuper -c $conf -H {queue_id}"
  echo "delete_command = postsuper -c $conf -d {queue_id}"
  echo "show_command = postcat -c $conf -q -- {queue_id}"
}

# e2e_launch_milter BINARY CONFIG PORT LOG: starts the daemon and waits
# until its socket accepts connections; sets E2E_MILTER_PID. Its history
# store may still be opening: until then messages get on_error.
e2e_launch_milter() {
  local binary=$1 config=$2 port=$3 log=$4
  "$binary" --config "$config" --foreground >>"$log" 2>&1 &
  E2E_MILTER_PID=$!
  E2E_PIDS+=("$E2E_MILTER_PID")
  e2e_wait_for "(exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null" 100 ||
    { e2e_fail "rapport-milter is not listening on 127.0.0.1:$port"; cat "$log"; exit 1; }
}

# e2e_start_milter BINARY CONFIG PORT LOG: e2e_launch_milter, then waits
# (up to 30 s) until this start's store open ended, opened or not, so that
# the next message is scored when the store can be.
e2e_start_milter() {
  local log=$4 ended='history store open after\|history store unavailable after' before
  before=$(grep -c "$ended" "$log" 2>/dev/null) || true
  e2e_launch_milter "$@"
  e2e_wait_for "[ \"\$(grep -c '$ended' '$log')\" -gt ${before:-0} ]" 300 ||
    { e2e_fail "rapport-milter's store open did not end within 30 s"; cat "$log"; exit 1; }
}

# e2e_stop_milter: SIGTERM, then the exit status of the daemon.
e2e_stop_milter() {
  kill -TERM "$E2E_MILTER_PID"
  local status=0
  wait "$E2E_MILTER_PID" || status=$?
  return "$status"
}

# e2e_send SMTP_PORT FILE CLIENT_IP FROM TO...: sends FILE with swaks from
# CLIENT_IP (swaks fills in %DATE% and %MESSAGEID%) and prints the queue id
# Postfix gave it; swaks's transcript is kept beside the file's name.
e2e_send() {
  local port=$1 file=$2 client=$3 from=$4; shift 4
  local to transcript
  transcript="$E2E_DIR/swaks-$(basename "$file" .eml)-$RANDOM.txt"
  to=$(IFS=,; echo "$*")
  swaks --server "127.0.0.1:$port" --local-interface "$client" \
    --from "$from" --to "$to" --data "@$file" --timeout 20 >"$transcript" 2>&1
  grep -o 'queued as [A-Z0-9]*' "$transcript" | tail -1 | awk '{print $3}'
}

# The queue ids in the private Postfix's hold queue, sorted (postqueue -j
# prints one JSON object per queued message).
e2e_hold_queue_ids() {
  postqueue -c "$E2E_DIR/conf" -j 2>/dev/null | grep '"queue_name": *"hold"' |
    sed -n 's/.*"queue_id": *"\([0-9A-Za-z]*\)".*/\1/p' | sort -u
}

# e2e_in_hold QUEUE_ID: the message is in the hold queue.
e2e_in_hold() { e2e_hold_queue_ids | grep -qx "$1"; }

# e2e_delivered_file QUEUE_ID: the delivered file of that message (Postfix
# names the queue id in its Received header), after waiting for delivery.
e2e_delivered_file() {
  local inbox="$E2E_DIR/mail/inbox/new"
  e2e_wait_for "grep -lq 'id $1' $inbox/* 2>/dev/null" 100 || return 1
  grep -l "id $1" "$inbox"/* | head -1
}
