#!/usr/bin/env bash
# Installs the Debian packages portal-archiver builds against, when they are missing.
# Needs root (or sudo) only when something is missing. Swift 6 must already be on PATH.
set -euo pipefail
need=()
for pkg in libcurl4-openssl-dev libxml2-dev libsqlite3-dev zlib1g-dev libidn2-dev libpsl-dev pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "swift is not on PATH (Swift 6 toolchain needed)" >&2; exit 1; }
