#!/usr/bin/env bash
# Package test: builds the Debian package with cpack, checks it with
# lintian, installs it with dpkg, validates the installed conffile, runs the
# installed daemon as the rapport user (directly: CI has no systemd), scores
# one message through miltertest, then purges the package.
#
#   package_test.sh BUILD_DIR SOURCE_DIR
#
# Changes the machine (installs and purges the package "rapport", creates
# the rapport account), so it skips (exit 77) unless run as root, and when
# the package is already installed. Everything it starts or installs is
# undone on exit, failed or not: /etc/rapport and /var/lib/rapport (say,
# from scripts/run-gateway.sh) are moved aside to *.package-test-saved for
# the test and back afterwards, and an account it created is removed.
set -uo pipefail

BUILD=${1:?usage: package_test.sh BUILD_DIR SOURCE_DIR}
SOURCE=${2:?usage: package_test.sh BUILD_DIR SOURCE_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
PACKAGE=rapport
# shellcheck source=../e2e/lib.sh
source "$SOURCE/tests/e2e/lib.sh"

[ "$(id -u)" = 0 ] || e2e_skip "needs root: it installs and purges the package '$PACKAGE'"
for tool in cpack dpkg dpkg-shlibdeps miltertest setpriv; do
  command -v "$tool" >/dev/null || e2e_skip "$tool is not installed"
done
if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q 'installed'; then
  e2e_skip "the package '$PACKAGE' is installed already; not touching it"
fi
# The data-file path is compiled in from the install prefix.
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$BUILD/CMakeCache.txt")
[ "$prefix" = /usr ] ||
  e2e_skip "$BUILD was configured with the prefix '$prefix'; a package needs -DCMAKE_INSTALL_PREFIX=/usr"

# What the package installs over, or its purge removes, that was there
# before: moved aside on the same file system (a crash leaves it visible
# there) and put back on exit.
SAVED_PATHS=(/etc/rapport /var/lib/rapport)
for path in "${SAVED_PATHS[@]}"; do
  [ ! -e "$path.package-test-saved" ] ||
    e2e_skip "$path.package-test-saved exists (left by an interrupted run?): restore or remove it first"
done
restore_saved() {
  local path
  for path in "${SAVED_PATHS[@]}"; do
    [ -e "$path.package-test-saved" ] || continue
    rm -rf "$path"
    mv "$path.package-test-saved" "$path"
  done
}
e2e_keep_account rapport

SCRATCH=$(mktemp -d /tmp/rapport-package.XXXXXX)
chmod 755 "$SCRATCH"
INSTALLED=0
MILTER_PID=
cleanup() {
  local status=$?
  if [ -n "$MILTER_PID" ] && kill -0 "$MILTER_PID" 2>/dev/null; then
    kill -TERM "$MILTER_PID" 2>/dev/null || true
    e2e_wait_for "! kill -0 $MILTER_PID 2>/dev/null" 50 || kill -KILL "$MILTER_PID" 2>/dev/null || true
  fi
  if [ "$INSTALLED" = 1 ]; then
    dpkg --purge "$PACKAGE" >"$SCRATCH/purge.log" 2>&1 || cat "$SCRATCH/purge.log"
  fi
  restore_saved
  e2e_undo
  if [ "$status" != 0 ] && [ "$status" != "$E2E_SKIP" ]; then
    echo "--- rapport-milter log ---"; tail -40 "$SCRATCH/milter.log" 2>/dev/null
  fi
  rm -rf "$SCRATCH"
  exit "$status"
}
trap cleanup EXIT
die() { e2e_fail "$*"; exit 1; }

for path in "${SAVED_PATHS[@]}"; do
  if [ -e "$path" ]; then mv "$path" "$path.package-test-saved"; fi
done

# 1. The package, from what it installs (cpack itself builds nothing).
cmake --build "$BUILD" --target rapport-milter rapportctl rapport_packaging_files >"$SCRATCH/build.log" 2>&1 ||
  { tail -30 "$SCRATCH/build.log"; die "building the packaged targets failed"; }
cpack -G DEB -B "$SCRATCH/package" --config "$BUILD/CPackConfig.cmake" >"$SCRATCH/cpack.log" 2>&1 ||
  { cat "$SCRATCH/cpack.log"; die "cpack failed"; }
DEB=$(find "$SCRATCH/package" -maxdepth 1 -name "${PACKAGE}_*.deb" | head -1)
[ -n "$DEB" ] || die "cpack made no .deb"
e2e_pass "built $(basename "$DEB")"
# libmilter is linked statically (milter/libmilter_signal_thread.cc).
e2e_check "declares its library dependencies" \
  sh -c "dpkg-deb -f '$DEB' Depends | grep librocksdb | grep -q libgmime"
e2e_check "conffile declared" \
  sh -c "dpkg-deb -e '$DEB' '$SCRATCH/control' && grep -qx /etc/rapport/rapport.conf '$SCRATCH/control/conffiles'"

if command -v lintian >/dev/null; then
  # Errors fail the test; warnings are shown.
  lintian_status=0
  lintian --allow-root "$DEB" >"$SCRATCH/lintian.log" 2>&1 || lintian_status=$?
  cat "$SCRATCH/lintian.log"
  e2e_check "lintian: no errors" test "$lintian_status" = 0
else
  echo "note: lintian is not installed; package not linted"
fi

# 2. Installed, with its account, state directory and unit.
INSTALLED=1
if ! dpkg -i "$DEB" >"$SCRATCH/install.log" 2>&1; then
  apt-get install -f -y >>"$SCRATCH/install.log" 2>&1 ||
    { cat "$SCRATCH/install.log"; die "dpkg -i failed and apt-get install -f did not repair it"; }
fi
e2e_check "installed" sh -c "dpkg-query -W -f='\${Status}' $PACKAGE | grep -q 'install ok installed'"
for path in /usr/sbin/rapport-milter /usr/bin/rapportctl /etc/rapport/rapport.conf \
  /usr/share/rapport/fileshare_domains.txt /usr/share/rapport/brands.txt \
  /usr/share/rapport/consumer_mailbox_domains.txt /usr/share/rapport/redirectors.txt \
  /usr/share/rapport/tenant_platforms.txt \
  /lib/systemd/system/rapport-milter.service /lib/systemd/system/rapport-digest.service \
  /lib/systemd/system/rapport-digest.timer /usr/share/man/man8/rapport-milter.8.gz \
  /usr/share/man/man8/rapportctl.8.gz /usr/libexec/rapport/sendmail-queued-message; do
  e2e_check "installs $path" test -e "$path"
done
e2e_check "rapport user and group exist" sh -c "getent passwd rapport >/dev/null && getent group rapport >/dev/null"
e2e_check "/var/lib/rapport is 0700 rapport:rapport" \
  test "$(stat -c '%a %U:%G' /var/lib/rapport)" = "700 rapport:rapport"
e2e_check "/etc/rapport/rapport.conf is 0640 root:rapport" \
  test "$(stat -c '%a %U:%G' /etc/rapport/rapport.conf)" = "640 root:rapport"
if command -v systemd-analyze >/dev/null; then
  e2e_check "systemd-analyze verify" systemd-analyze verify /lib/systemd/system/rapport-milter.service
  e2e_check "systemd-analyze verify the digest's units" systemd-analyze verify \
    /lib/systemd/system/rapport-digest.service /lib/systemd/system/rapport-digest.timer
fi
e2e_check "the digest timer is not enabled by the package" \
  test ! -e /etc/systemd/system/timers.target.wants/rapport-digest.timer
# What the timer's service runs, as its user, while [digest] to is unset:
# one line saying so, exit 0, nothing sent.
e2e_check "the digest service's command without recipients sends nothing, exit 0" \
  sh -c "setpriv --reuid=rapport --regid=rapport --init-groups $(sed -n 's/^ExecStart=//p' \
    /lib/systemd/system/rapport-digest.service) | grep -q 'no digest recipient'"

# 3. The installed conffile is valid, also as read by the service account.
e2e_check "check-config on the installed conffile" /usr/sbin/rapport-milter --check-config
e2e_check "check-config as the rapport user" \
  setpriv --reuid=rapport --regid=rapport --init-groups /usr/sbin/rapport-milter --check-config

# 4. The daemon as the rapport user, on a free port, state in scratch.
PORT=$(e2e_free_port)
install -d -m 700 -o rapport -g rapport "$SCRATCH/state"
CONFIG="$SCRATCH/rapport.conf"
{
  echo "socket = inet:$PORT@127.0.0.1"
  echo "state_dir = $SCRATCH/state"
  echo "user = rapport"
  sed -E '/^[#[:space:]]*(socket|state_dir|user)[[:space:]]*=/d' /etc/rapport/rapport.conf
} >"$CONFIG"
chmod 644 "$CONFIG"
# A permissive umask, as an administrator's shell may have.
(umask 022 && exec setpriv --reuid=rapport --regid=rapport --init-groups \
  /usr/sbin/rapport-milter --config "$CONFIG" --foreground >"$SCRATCH/milter.log" 2>&1) &
MILTER_PID=$!
e2e_wait_for "(exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null" 100 ||
  die "rapport-milter is not listening on 127.0.0.1:$PORT"
e2e_check "runs as the rapport user" \
  test "$(ps -o user= -p "$MILTER_PID" | tr -d ' ')" = rapport
miltertest_status=0
miltertest -D "socket=inet:$PORT@127.0.0.1" -D "check_lib=$HERE/../e2e/milter_check.lua" \
  -s "$HERE/score_one.lua" || miltertest_status=$?
e2e_check "miltertest: one message scored" test "$miltertest_status" = 0
e2e_check "scored message logged" grep -q 'PKG0001: inbound score=[0-9]*' "$SCRATCH/milter.log"
e2e_check "history store opened" sh -c "! grep -q 'history store unavailable' '$SCRATCH/milter.log'"

e2e_check "admin socket is 0660 rapport:rapport" \
  test "$(stat -c '%a %U:%G' "$SCRATCH/state/admin.sock" 2>/dev/null)" = "660 rapport:rapport"
# Started with umask 022: the daemon's own umask keeps the store's files
# to the service user.
e2e_check "store files are rapport's alone (no group or other bits)" \
  test -z "$(find "$SCRATCH/state" -type f \( -perm /077 -o ! -user rapport \) -print)"
e2e_check "store files exist" test -f "$SCRATCH/state/CURRENT"

kill -TERM "$MILTER_PID"
stop_status=0
wait "$MILTER_PID" || stop_status=$?
MILTER_PID=
e2e_check "stopped cleanly by SIGTERM (status $stop_status)" test "$stop_status" = 0

# 5. Purge removes the state directory and the conffile.
INSTALLED=0
e2e_check "purged" sh -c "dpkg --purge $PACKAGE >/dev/null"
e2e_check "purge removes /var/lib/rapport" test ! -e /var/lib/rapport
e2e_check "purge removes /etc/rapport" test ! -e /etc/rapport

[ "$E2E_FAILURES" = 0 ] || exit 1
echo "package checks passed"
