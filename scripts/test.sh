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
if command -v docker-compose >/dev/null; then
  docker-compose -f docker-compose.yml config -q && echo "docker-compose.yml: valid"
  # The overrides of docs/scaling.md, each on top of the base file, with the values they require.
  docker-compose -f docker-compose.yml -f compose/redis-cluster.yml config -q
  MAIN_DATABASE_URL=postgres://feedfold@main:5432/feedfold MAIN_REDIS_URL=redis://main:6379 \
    docker-compose -f docker-compose.yml -f compose/worker-host.yml config -q
  STORES_BIND_ADDRESS=10.0.0.1 docker-compose -f docker-compose.yml -f compose/expose-stores.yml config -q
  echo "compose/*.yml overrides: valid"
fi
npx vitest run "$@"
