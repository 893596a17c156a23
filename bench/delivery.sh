#!/usr/bin/env bash
# The monthly delivery at national volume (see bench/Forlop.Bench.Delivery/Program.cs): an SQLite registry under
# /tmp/forlop-delivery-N (a year of N pathways, --pathways, default national demo volume; filled on first use) unless --db names another; sqlite3 writes
# the same month's stored episodes as the peer. Prints a Markdown table for docs/performance.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build -c Release "$root/bench/Forlop.Bench.Delivery" -v q -nologo >/dev/null
exec dotnet "$root/bench/Forlop.Bench.Delivery/bin/Release/net10.0/Forlop.Bench.Delivery.dll" --catalog "$root/catalog" "$@"
