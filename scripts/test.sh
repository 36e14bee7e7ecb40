#!/usr/bin/env bash
# `npm test`: make sure PostgreSQL and Redis answer, check types and layering, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
bash scripts/ensure-services.sh
bash scripts/ensure-chromium.sh || echo "test: no Chromium, so the reader page's browser test will not run"
bash scripts/ensure-clients.sh
npx tsc --noEmit
node scripts/check-layers.mjs
npx eslint    # regular expressions checked for super-linear backtracking (eslint.config.js)
if command -v docker-compose >/dev/null; then docker-compose -f docker-compose.yml config -q && echo "docker-compose.yml: valid"; fi
npx vitest run "$@"
