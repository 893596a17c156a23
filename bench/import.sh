#!/usr/bin/env bash
# Import benchmark: starts a throwaway PostgreSQL cluster on a free loopback port (as CI does), then runs
# bench/Forlop.Bench.Import against SQLite and that cluster. Extra arguments go to the benchmark,
# e.g. `bash bench/import.sh --years 1`. Results: a Markdown table on stdout (copy it into docs/performance.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
dir="$(mktemp -d /tmp/forlop-bench-pg.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
as_pg=()
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; as_pg=(runuser -u postgres --); fi
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
trap '"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
dotnet run -c Release --project "$root/bench/Forlop.Bench.Import" -- --pg "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres" "$@"
