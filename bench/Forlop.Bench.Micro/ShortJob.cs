using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Forlop.Bench.Micro;

/// <summary>
/// BenchmarkDotNet's short run (one launch, three warm-ups) with ten measured iterations instead of three: on two
/// shared cores, three iterations left the error wider than the mean.
/// </summary>
internal sealed class ShortJob : ManualConfig
{
    public ShortJob() => AddJob(Job.ShortRun.WithIterationCount(10).WithId("Short10"));
}
