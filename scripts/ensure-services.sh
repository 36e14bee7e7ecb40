#!/usr/bin/env bash
# Make sure a PostgreSQL server and a Redis answer for the tests: install them (Debian packages) and
# start them when they are missing, then wait until both answer. Safe to run again and again.
set -euo pipefail

PG_HOST=${PGHOST_TEST:-127.0.0.1}
PG_PORT=${PGPORT_TEST:-5432}
REDIS_PORT=${REDIS_PORT_TEST:-6379}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }
apt_updated=0
apt_install() {
  command -v apt-get >/dev/null || { echo "ensure-services: $* missing and no apt-get here; install it yourself" >&2; exit 1; }
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_answers() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }
pg_trusts() { psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1 </dev/null; }

ensure_postgres() {
  command -v pg_isready >/dev/null || apt_install postgresql postgresql-client
  if ! pg_answers; then
    if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then apt_install postgresql; fi
    local version; version=$(ls /etc/postgresql | sort -V | tail -n 1)
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
  for _ in $(seq 1 60); do pg_answers && break; sleep 0.5; done
  pg_answers || { echo "ensure-services: PostgreSQL does not answer on $PG_HOST:$PG_PORT" >&2; exit 1; }
  if ! pg_trusts; then
    # A fresh Debian cluster asks for passwords on TCP; the tests connect as postgres without one.
    local hba; hba=$(ls /etc/postgresql/*/main/pg_hba.conf | sort -V | tail -n 1)
    as_root sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(basename "$(dirname "$(dirname "$hba")")")" main reload
    sleep 1
    pg_trusts || { echo "ensure-services: cannot connect to PostgreSQL as postgres without a password" >&2; exit 1; }
  fi
}

redis_answers() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

ensure_redis() {
  command -v redis-cli >/dev/null || apt_install redis-server redis-tools
  command -v redis-server >/dev/null || apt_install redis-server
  if ! redis_answers; then
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --maxmemory-policy noeviction >/dev/null
  fi
  for _ in $(seq 1 60); do redis_answers && break; sleep 0.25; done
  redis_answers || { echo "ensure-services: Redis does not answer on 127.0.0.1:$REDIS_PORT" >&2; exit 1; }
}

ensure_postgres
ensure_redis
echo "ensure-services: PostgreSQL on $PG_HOST:$PG_PORT and Redis on 127.0.0.1:$REDIS_PORT answer"
