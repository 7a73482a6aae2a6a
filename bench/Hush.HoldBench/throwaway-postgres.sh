#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a free loopback port for the replica benchmark and prints its connection
# string; `stop DIR` stops and deletes it. Needs the Debian postgresql package (server binaries, no running service).
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$bin/initdb" ]] || { echo "throwaway-postgres: install the postgresql package" >&2; exit 1; }
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/hush-bench-pg-XXXXXX)
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U hush --auth=trust --encoding=UTF8 --no-locale --no-sync >/dev/null
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-k $dir -h 127.0.0.1 -p $port" start >/dev/null
    echo "$dir Host=127.0.0.1;Port=$port;Username=hush;Database=postgres"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$2/data" -m fast -w stop >/dev/null || true
    rm -rf "$2"
    ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
