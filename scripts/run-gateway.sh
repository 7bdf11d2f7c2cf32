#!/usr/bin/env bash
# The first run: installs what is needed, builds, creates the unprivileged
# user, writes the config when there is none, starts rapport-milter in the
# foreground and, once it listens, prints how to attach Postfix or Sendmail
# and teach it the organisation's history. Run it as root. Stop it with
# Ctrl-C (SIGINT) or SIGTERM.
#
# Environment (defaults in brackets), so that a test can run it without
# touching the machine's own files:
#   RAPPORT_ETC        directory of rapport.conf [/etc/rapport]
#   RAPPORT_STATE_DIR  history store and held-mail records [/var/lib/rapport]
#   RAPPORT_SOCKET     where the MTA reaches the milter [inet:8894@127.0.0.1]
#   RAPPORT_USER       account the daemon runs as, created if absent [rapport]
#   BUILD_DIR          build directory [build]
#   RAPPORT_SKIP_BUILD 1: use the build already in BUILD_DIR, install nothing
# RAPPORT_STATE_DIR and RAPPORT_SOCKET go into a config written here; an
# existing config is used as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
etc=${RAPPORT_ETC:-/etc/rapport}
state_dir=${RAPPORT_STATE_DIR:-/var/lib/rapport}
socket=${RAPPORT_SOCKET:-inet:8894@127.0.0.1}
user=${RAPPORT_USER:-rapport}
build=${BUILD_DIR:-build}
config=$etc/rapport.conf

if [ "$(id -u)" != 0 ]; then
  echo "run-gateway.sh: run it as root (it creates the user '$user' and $etc)" >&2
  exit 1
fi
if [ "${RAPPORT_SKIP_BUILD:-0}" != 1 ]; then
  bash scripts/install-deps.sh
  bash scripts/build.sh
fi
milter=$build/milter/rapport-milter
[ -x "$milter" ] || { echo "run-gateway.sh: no $milter: build first (bash scripts/build.sh)" >&2; exit 1; }

if ! id "$user" >/dev/null 2>&1; then
  useradd --system --user-group --home-dir "$state_dir" --no-create-home \
    --shell /usr/sbin/nologin "$user"
fi
install -d -m 0755 "$etc"
if [ ! -f "$config" ]; then
  # The example config with every key commented, plus what this run needs.
  sed -e "s|^#user =.*|user = $user|" \
    -e "s|^state_dir =.*|state_dir = $state_dir|" \
    -e "s|^#socket =.*|socket = $socket|" \
    packaging/rapport.conf >"$config.new"
  chgrp "$(id -gn "$user")" "$config.new"
  chmod 0640 "$config.new"
  mv "$config.new" "$config"
  echo "run-gateway.sh: wrote $config (set local_domains there)"
fi
"$milter" --config "$config" --check-config
# The store's directory as the config says, which may differ from the default.
# (Unset there: the daemon's defaults, as in packaging/rapport.conf.)
state_dir=$(sed -n 's/^state_dir[[:space:]]*=[[:space:]]*//p' "$config" | tail -1)
state_dir=${state_dir:-/var/lib/rapport}
socket=$(sed -n 's/^socket[[:space:]]*=[[:space:]]*//p' "$config" | tail -1)
socket=${socket:-inet:8894@127.0.0.1}
install -d -m 0700 -o "$user" -g "$(id -gn "$user")" "$state_dir"

# The address as Postfix writes it: inet:HOST:PORT, or unix:PATH.
if [[ $socket == inet:*@* ]]; then
  port=${socket#inet:}; port=${port%@*}
  host=${socket#*@}
  postfix_socket="inet:$host:$port"
  listening() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }
else
  postfix_socket=$socket
  listening() { [ -S "${socket#*:}" ]; }
fi

"$milter" --config "$config" --foreground &
milter_pid=$!
trap 'kill -TERM "$milter_pid" 2>/dev/null || true' INT TERM
for _ in $(seq 100); do
  listening && break
  kill -0 "$milter_pid" 2>/dev/null || break
  sleep 0.1
done
if listening; then
  cat <<NEXT

rapport-milter listens on $socket as user '$user' (Ctrl-C stops it).
Next:
 1. Attach Postfix: add to /etc/postfix/main.cf, then "postfix reload":
      smtpd_milters = $postfix_socket
      non_smtpd_milters = $postfix_socket
      milter_default_action = accept
      milter_protocol = 6
    (Sendmail: INPUT_MAIL_FILTER(\`rapport', \`S=$socket, F=T, T=C:10s;S:30s;R:30s;E:60s')
    in sendmail.mc, and "preset = sendmail" under [mta] in $config;
    see packaging/sendmail/rapport.mc.)
 2. Teach it who the organisation writes to, from its sent mail (mbox,
    Maildir or .eml files). Learning needs the store to itself: stop the
    daemon (Ctrl-C), learn, then start this again:
      $build/cli/rapportctl --config $config learn /path/to/sent-mail
 3. Review what it holds (while it runs):
      $build/cli/rapportctl --config $config held list
NEXT
fi
# A signal interrupts wait (status above 128) while the daemon still drains
# its messages: wait again until it has exited, and exit with its status.
for (( ; ; )); do
  status=0
  wait "$milter_pid" || status=$?
  kill -0 "$milter_pid" 2>/dev/null || exit "$status"
done
