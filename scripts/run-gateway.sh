#!/usr/bin/env bash
# Installs what is needed, builds, and runs rapport-milter in the foreground
# on inet:8894@127.0.0.1 with the default config and the embedded RocksDB
# store in /var/lib/rapport, as the unprivileged user "rapport".
# Point Postfix at it with the lines in packaging/postfix/main.cf.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
build=${BUILD_DIR:-build}

if ! id rapport >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/rapport --no-create-home --shell /usr/sbin/nologin rapport
fi
install -d -m 0755 /etc/rapport
if [ ! -f /etc/rapport/rapport.conf ]; then
  sed -e 's/^#user = rapport/user = rapport/' -e 's/^#group = rapport/group = rapport/' \
    packaging/rapport.conf >/etc/rapport/rapport.conf
  chgrp rapport /etc/rapport/rapport.conf
  chmod 0640 /etc/rapport/rapport.conf
fi
install -d -m 0700 -o rapport -g rapport /var/lib/rapport
exec "$build/milter/rapport-milter" --config /etc/rapport/rapport.conf --foreground
