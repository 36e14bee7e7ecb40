#!/usr/bin/env bash
# Make sure Debian's Chromium is at /usr/bin/chromium for the reader page's browser test
# (test/server/reader-browser.test.ts runs only where it exists). Safe to run again and again.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "ensure-chromium: $CHROMIUM present ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }
command -v apt-get >/dev/null || { echo "ensure-chromium: $CHROMIUM missing and no apt-get here; install Chromium yourself" >&2; exit 1; }

as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null

[ -x "$CHROMIUM" ] || { echo "ensure-chromium: installed the package but $CHROMIUM is still missing" >&2; exit 1; }
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
