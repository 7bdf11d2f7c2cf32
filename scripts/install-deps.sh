#!/usr/bin/env bash
# Installs every Debian 12 package Rapport needs to build, run and test.
# Idempotent; run as root.
set -euo pipefail

packages=(
  # build
  cmake g++ make pkg-config
  libmilter-dev libgmime-3.0-dev librocksdb-dev libboost-program-options-dev libfmt-dev
  libicu-dev libpsl-dev publicsuffix libidn2-dev libgumbo-dev nlohmann-json3-dev
  libmicrohttpd-dev zlib1g-dev
  # [cluster]: the Redis client, and the server the cluster tests start on loopback
  libhiredis-dev redis-server
  # tests, and the package test (cpack, dpkg-shlibdeps, lintian)
  catch2 postfix swaks miltertest dpkg-dev lintian adduser
  # sendmail_e2e: the shared libraries of the Sendmail it unpacks (it
  # downloads sendmail-bin itself: installing it would remove postfix)
  libwrap0 liblockfile1
  # the metrics test: curl scrapes, promtool checks the exposition and alert rules
  curl prometheus
  # the holdout evaluation's generator, tabulator and their CI test (Python 3 standard library)
  python3
  # fuzz targets (RAPPORT_FUZZ) and the sanitizer build
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
# Postfix asks how to configure itself; the tests run their own private instance.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
