#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks, from the distribution's binaries
# (Debian: apt-get install postgresql). Loopback only, trust authentication (nothing but this
# machine can connect, and the data is thrown away), a fresh data directory every time.
#
#   scripts/throwaway-postgres.sh start DIR [--fast]   initdb + start; prints the database URL on stdout
#   scripts/throwaway-postgres.sh stop DIR             stop the cluster (the caller removes DIR)
#
# --fast turns fsync off (tests); without it the server runs with its durable defaults (benchmarks).
# The server refuses to run as root, so as root the cluster belongs to the `postgres` user.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
if [[ -z "$cmd" || -z "$dir" ]]; then
  echo "usage: $0 start DIR [--fast] | stop DIR" >&2
  exit 2
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
  echo "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2
  exit 3
fi

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    fast=${3:-}
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    # A free loopback port, asked of the kernel.
    port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    opts="-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200"
    [[ "$fast" == "--fast" ]] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres review_bot
    echo "postgres://postgres@127.0.0.1:$port/review_bot"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *)
    echo "usage: $0 start DIR [--fast] | stop DIR" >&2
    exit 2
    ;;
esac
