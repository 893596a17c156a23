#!/usr/bin/env bash
# Micro-benchmarks of the hot paths (bench/Forlop.Bench.Micro, BenchmarkDotNet): an events row read and checked, applied
# to its patient's episodes, an episode measured by the interval engine, the dashboard cube's refresh after a small
# import. Short jobs (ShortJob: 3 warm-ups, 10 iterations; the cube 40 warm-up and 15 measured single refreshes), run in this process (no
# generated project to build): about five minutes on two shared cores.
# Extra arguments go to BenchmarkDotNet, e.g. `bash bench/micro.sh --filter '*RowChecks*'`.
# Results: the summary on stdout, BenchmarkDotNet's reports under a temp folder (printed at the end), never in the repository.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d /tmp/forlop-bench-micro.XXXXXX)"
filter=("--filter" "*")
for a in "$@"; do
  if [ "$a" = "--filter" ]; then filter=(); fi
done
uptime
dotnet run -c Release --project "$root/bench/Forlop.Bench.Micro" -- "${filter[@]}" --artifacts "$out" "$@"
echo "BenchmarkDotNet reports: $out/results"
