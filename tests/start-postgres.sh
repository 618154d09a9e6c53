#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a free loopback port for the tests (trust auth, no fsync).
# Prints lines for the caller to eval: ROYA_TEST_POSTGRES (an admin connection string), ROYA_POSTGRES_DIR,
# ROYA_POSTGRES_STOP (stops it and removes its files) and ROYA_POSTGRES_HALT / ROYA_POSTGRES_RESUME (stop and
# start the same cluster, for outage tests). Diagnostics go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
tests/ensure-packages.sh postgresql >&2

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
dir=$(mktemp -d /tmp/roya-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

run_as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
chmod 700 "$dir"
run_as_postgres "$pgbin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 -N >/dev/null
run_as_postgres "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >&2

as_postgres=$( [ "$(id -u)" -eq 0 ] && echo 'runuser -u postgres -- ' || true)
stop="$(printf '%q ' bash -c "${as_postgres}$pgbin/pg_ctl -D $dir/data -m fast -w stop >/dev/null; rm -rf $dir")"
# For tests of a database outage: halt and resume the same cluster (same port, same data).
halt="${as_postgres}$pgbin/pg_ctl -D $dir/data -m fast -w stop"
resume="${as_postgres}$pgbin/pg_ctl -D $dir/data -l $dir/log -w -o '-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300' start"
echo "export ROYA_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
echo "export ROYA_POSTGRES_DIR='$dir'"
echo "export ROYA_POSTGRES_STOP=$(printf '%q' "$stop")"
echo "export ROYA_POSTGRES_HALT=$(printf '%q' "$halt")"
echo "export ROYA_POSTGRES_RESUME=$(printf '%q' "$resume")"
