using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Forlop.Bench.Micro;

/// <summary>
/// BenchmarkDotNet's short run (one launch, three warm-ups) with ten measured iterations instead of three: on two
/// shared cores, three iterations left the error wider than the mean. Run in this process: the usual separate process
/// needs a generated project built first, a whole build of Forlop.App that passed BenchmarkDotNet's two-minute limit here
/// when the machine was loaded, and costs the other users of its two cores a minute or more each run.
/// </summary>
internal sealed class ShortJob : ManualConfig
{
    public ShortJob() => AddJob(InThisProcess(Job.ShortRun.WithIterationCount(10)).WithId("Short10"));

    public static Job InThisProcess(Job job) => job.WithToolchain(InProcessEmitToolchain.Instance);
}
