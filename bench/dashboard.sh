#!/usr/bin/env bash
# Dashboard benchmark: the full dashboard (every pathway × HF × 12 months) cold and warm on ~20 M events of 10 years,
# next to DuckDB on the same raw events files (bench/Forlop.Bench.Dashboard). Results: a Markdown table on stdout.
#   bash bench/dashboard.sh [--pg] [--service] [other options of the benchmark]
# --pg also measures PostgreSQL, in a cluster kept in the work folder so its registry is imported once (fsync off, as
# in the tests). Generated files and registries stay in $FORLOP_BENCH_WORK (default /tmp/forlop-bench-dashboard):
# the first run generates and imports them (about 30 min for SQLite on the project's machine, as long again for
# PostgreSQL), later runs take a few minutes. FORLOP_BENCH_TIMEOUT (seconds, default 5400) bounds the whole run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${FORLOP_BENCH_WORK:-/tmp/forlop-bench-dashboard}"
mkdir -p "$work"
args=()
pg=false
for a in "$@"; do
  if [ "$a" = "--pg" ]; then pg=true; else args+=("$a"); fi
done
if $pg; then
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  dir="$work/pg"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  as_pg=()
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; as_pg=(runuser -u postgres --); fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    "${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=1GB -c max_wal_size=4GB" start >/dev/null
  trap '"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true' EXIT
  args+=(--pg "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Timeout=60;Command Timeout=0")
fi
dotnet build -c Release "$root/bench/Forlop.Bench.Dashboard" >/dev/null
timeout "${FORLOP_BENCH_TIMEOUT:-5400}" dotnet "$root/bench/Forlop.Bench.Dashboard/bin/Release/net10.0/Forlop.Bench.Dashboard.dll" --work "$work" ${args[@]+"${args[@]}"}
