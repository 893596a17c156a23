#!/usr/bin/env bash
# Load test of the web API on loopback (see bench/Forlop.Bench.Load/Program.cs). Bounded in time: --seconds (default 60)
# after --warmup (10). Uses an SQLite registry under /tmp/forlop-load (filled with two years of national demo volume on
# first use) unless --db names another. Prints a Markdown table for docs/performance.md; --pages N times the warm
# dashboard and tracking-list pages first (one user, N openings each).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build -c Release "$root/bench/Forlop.Bench.Load" -v q -nologo >/dev/null
exec dotnet "$root/bench/Forlop.Bench.Load/bin/Release/net10.0/Forlop.Bench.Load.dll" --catalog "$root/catalog" "$@"
