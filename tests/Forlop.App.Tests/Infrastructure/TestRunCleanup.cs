using Xunit.Sdk;
using Xunit.v3;

[assembly: TestPipelineStartup(typeof(Forlop.App.Tests.Infrastructure.TestRunCleanup))]

namespace Forlop.App.Tests.Infrastructure;

/// <summary>
/// Removes what the run made (SQLite files, test files, the PostgreSQL cluster) when the test pipeline stops, before
/// the runner returns. Left to ProcessExit, deleting gigabytes on a busy machine can outlast the ten seconds the
/// runner gives the process to exit, and the run then fails with "Foreground threads were left running" although every
/// test passed. ProcessExit still runs whatever is left, so a run cut short cleans up too.
/// </summary>
public sealed class TestRunCleanup : ITestPipelineStartup
{
    private static readonly List<Action> Cleanups = [];

    /// <summary>Runs <paramref name="cleanup"/> once at the end of the run (or at process exit, whichever comes first).</summary>
    public static void Add(Action cleanup)
    {
        var done = 0;
        void Once()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                cleanup();
            }
        }
        lock (Cleanups)
        {
            Cleanups.Add(Once);
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Once();
    }

    public ValueTask StartAsync(IMessageSink diagnosticMessageSink) => ValueTask.CompletedTask;

    public ValueTask StopAsync()
    {
        List<Action> cleanups;
        lock (Cleanups)
        {
            cleanups = [.. Cleanups];
        }
        // Last made, first removed: databases before the cluster that holds them.
        for (var i = cleanups.Count - 1; i >= 0; i--)
        {
            cleanups[i]();
        }
        return ValueTask.CompletedTask;
    }
}
