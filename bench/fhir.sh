#!/usr/bin/env bash
# EpisodeOfCare by _lastUpdated at national volume (see bench/Forlop.Bench.Fhir/Program.cs): an SQLite registry under
# /tmp/forlop-fhir (a year of national demo volume, filled on first use) unless --db names another. Prints a Markdown
# table for docs/performance.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build -c Release "$root/bench/Forlop.Bench.Fhir" -v q -nologo >/dev/null
exec dotnet "$root/bench/Forlop.Bench.Fhir/bin/Release/net10.0/Forlop.Bench.Fhir.dll" --catalog "$root/catalog" "$@"
