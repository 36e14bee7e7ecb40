#!/usr/bin/env bash
# Make sure the real clients the tests check feedfold against are installed (Debian packages):
# newsboat (feeds and the Google Reader API through its FeedHQ backend), python3-feedparser (Debian's /usr/bin/python3, not another python on PATH),
# jing (RELAX NG, RFC 4287's Atom schema), and fonts for right-to-left and CJK screenshots.
# Safe to run again and again; prints what it could not install and exits 0 (the tests say what is missing).
set -uo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

missing=()
command -v newsboat >/dev/null || missing+=(newsboat)
/usr/bin/python3 -c 'import feedparser' 2>/dev/null || missing+=(python3-feedparser)
command -v jing >/dev/null || missing+=(jing)
[ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)

if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || echo "ensure-clients: could not install ${missing[*]}" >&2
  else
    echo "ensure-clients: ${missing[*]} missing and no apt-get here" >&2
  fi
fi
echo "ensure-clients: newsboat $(command -v newsboat >/dev/null && echo yes || echo no), feedparser $(/usr/bin/python3 -c 'import feedparser' 2>/dev/null && echo yes || echo no), jing $(command -v jing >/dev/null && echo yes || echo no)"
