#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the browser tests (playwright-core drives it; no browser is
# ever downloaded by playwright). Installs the `chromium` package when it is missing and we may (root);
# otherwise says what to do and fails. CHROMIUM_PATH overrides /usr/bin/chromium.
set -euo pipefail
path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$path" ]; then
  echo "chromium.sh: $("$path" --version 2>/dev/null || echo "$path") is there"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium.sh: no Chromium at $path. Install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
  exit 1
fi
echo "chromium.sh: installing Debian's chromium package"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
[ -x "$path" ] || { echo "chromium.sh: the chromium package installed no $path" >&2; exit 1; }
echo "chromium.sh: $("$path" --version 2>/dev/null) installed"
