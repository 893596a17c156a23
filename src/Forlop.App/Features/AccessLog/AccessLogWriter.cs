using System.Threading.Channels;
using Forlop.App.Data;
using Forlop.Domain.AccessLog;

namespace Forlop.App.Features.AccessLog;

/// <summary>
/// The web app's one writer of the registry: changes and access-log entries go through <see cref="WriteGate"/> one at a
/// time, as SQLite allows only one writer and the access log's seals form a single chain. Reads of person data hand
/// their entries to AppendAsync, which seals everything waiting in one transaction (group commit: one
/// disk flush for many requests) and returns only once the entries are stored, so nothing is shown unlogged.
/// </summary>
public sealed class AccessLogWriter : IAsyncDisposable
{
    private readonly DatabaseTarget _target;
    private readonly Channel<(IReadOnlyList<AccessEntry> Entries, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(IReadOnlyList<AccessEntry>, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public AccessLogWriter(DatabaseTarget target)
    {
        _target = target;
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Held by whoever writes to the registry from the web app (registration, assignments, the log itself).</summary>
    public SemaphoreSlim WriteGate { get; } = new(1, 1);

    public Task AppendAsync(IReadOnlyList<AccessEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((entries, done)))
        {
            throw new InvalidOperationException("the access log is closed");
        }
        // The caller may stop waiting; the entries are still written, since the data may already be on its way.
        return done.Task.WaitAsync(ct);
    }

    public Task AppendAsync(AccessEntry entry, CancellationToken ct) => AppendAsync([entry], ct);

    private async Task WriteLoopAsync()
    {
        var batch = new List<(IReadOnlyList<AccessEntry> Entries, TaskCompletionSource Done)>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 64 && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            await WriteGate.WaitAsync();
            try
            {
                await using var db = _target.CreateContext();
                await AccessLogger.AppendAsync(db, batch.SelectMany(b => b.Entries).ToList(), CancellationToken.None);
                batch.ForEach(b => b.Done.TrySetResult());
            }
            catch (Exception e)
            {
                batch.ForEach(b => b.Done.TrySetException(e));
            }
            finally
            {
                WriteGate.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        WriteGate.Dispose();
    }
}
