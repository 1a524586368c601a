#!/usr/bin/env bash
# Installs Debian's Chromium for the browser consumer test (/usr/bin/chromium), unless it is there.
# Uses sudo when not root. Playwright's own browser download is not used: it cannot reach its CDN here.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
run() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
run apt-get update -qq
DEBIAN_FRONTEND=noninteractive run apt-get install -y -qq chromium >/dev/null
echo "installed $(/usr/bin/chromium --version)"
