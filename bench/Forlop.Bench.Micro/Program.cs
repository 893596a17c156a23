// BenchmarkDotNet micro-benchmarks of the hot paths: an events file's rows read and checked (EventsFile, EventRowParser),
// linked into episodes (PatientRecord, EpisodeLinker), measured (PathwayTimeEngine), and the dashboard cube brought up
// to date after a small import (DashboardCube). Inputs are the demo generator's rows on the real catalogue.
// Usage: bash bench/micro.sh   (or: dotnet run -c Release --project bench/Forlop.Bench.Micro -- --filter '*')
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Forlop.Bench.Micro.RowChecks).Assembly).Run(args);
