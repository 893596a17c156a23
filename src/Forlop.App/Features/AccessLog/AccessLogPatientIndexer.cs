using System.Runtime.InteropServices;
using Forlop.App.Data;

namespace Forlop.App.Features.AccessLog;

/// <summary>
/// Keeps an SQLite registry's <see cref="AccessLogPatientLookup"/> caught up with the access log in the web host: at
/// start, then every <see cref="Interval"/>, on a thread of its own at the lowest CPU and disk priority. Requests come
/// first: the lookup may fall behind for a while under load, and readers then find the newest entries in the log
/// itself. Seldom and in large steps on purpose: a step writes about one page of the lookup per patient it touches, so
/// taking the last few seconds at once writes each busy patient's page once instead of at every commit
/// (docs/performance.md, "The access log's lookup by patient").
/// </summary>
public sealed class AccessLogPatientIndexer(DatabaseTarget target, ILogger<AccessLogPatientIndexer> logger) : IHostedService, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>Entries per step: bounds the memory a step holds after a long pause or a restored registry.</summary>
    public const int StepSize = 50_000;

    private readonly CancellationTokenSource _stopping = new();
    private Thread? _thread;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (target.PatientLookup is { } lookup)
        {
            // A thread, not the thread pool: SQLite's work is synchronous, so the priority set on this thread is the
            // one the work runs at.
            _thread = new Thread(() => Run(lookup)) { IsBackground = true, Name = "access log lookup by patient" };
            _thread.Start();
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        _thread?.Join();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // Stopped first if the host was not: the thread waits on the token's handle.
        _stopping.Cancel();
        _thread?.Join();
        _stopping.Dispose();
    }

    private void Run(AccessLogPatientLookup lookup)
    {
        LowerThisThreadsPriority();
        var ct = _stopping.Token;
        do
        {
            try
            {
                while (!ct.IsCancellationRequested && lookup.CatchUp(StepSize) == StepSize)
                {
                }
            }
            catch (Exception e)
            {
                // Derived data: the entries past the mark are still found in the log itself, and the next turn tries
                // again. Nothing here may stop the host.
                logger.LogWarning(e, "The access log's lookup by patient could not catch up; it tries again in {Interval}", Interval);
            }
        }
        while (!ct.WaitHandle.WaitOne(Interval));
    }

    /// <summary>
    /// Linux gives each thread its own nice value and I/O class: the lowest CPU priority (19) and the idle I/O class,
    /// so the lookup takes what requests leave. Elsewhere, or if refused, it runs at normal priority.
    /// </summary>
    private static void LowerThisThreadsPriority()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            var thread = gettid();
            _ = setpriority(PrioProcess, thread, 19);
            // ioprio_set(IOPRIO_WHO_PROCESS, tid, IOPRIO_CLASS_IDLE << 13): glibc has no wrapper, and the call's number
            // differs by architecture.
            long? ioprioSet = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => 251,
                Architecture.Arm64 => 30,
                _ => null,
            };
            if (ioprioSet is { } call)
            {
                _ = syscall(call, IoprioWhoProcess, thread, IoprioClassIdle << 13);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    private const int PrioProcess = 0;
    private const long IoprioWhoProcess = 1;
    private const long IoprioClassIdle = 3;

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the whole program, and these
    // three take and return plain integers.
    [DllImport("libc")]
    private static extern int gettid();

    [DllImport("libc")]
    private static extern int setpriority(int which, int who, int prio);

    [DllImport("libc")]
    private static extern long syscall(long number, long a, long b, long c);
}
