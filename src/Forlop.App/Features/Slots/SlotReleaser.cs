using System.Data.Common;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using NodaTime;

namespace Forlop.App.Features.Slots;

/// <summary>
/// Releases reserved slots not booked by their release time: at start-up it catches up with every release time that
/// passed while the server was down, then wakes at the next release time (at least every <see cref="LongestSleep"/>,
/// so a slot published meanwhile with an earlier release is not missed). Time comes from the injected clock. Nothing
/// is lost on a restart: the status follows from the release time alone (<c>SlotRules.StatusAt</c>), and this only
/// writes down what the time already decided, dated the release time.
/// </summary>
internal sealed partial class SlotReleaser(IServiceScopeFactory scopes, AccessLogWriter log, IClock clock, ILogger<SlotReleaser> logger) : BackgroundService
{
    public static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = LongestSleep;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RegistryDb>();
                var now = clock.GetCurrentInstant();
                var released = await ReservedSlots.ReleaseDueAsync(db, log, now, stoppingToken);
                if (released > 0)
                {
                    Released(logger, released);
                }
                if (await ReservedSlots.NextReleaseAsync(db, now, stoppingToken) is { } next)
                {
                    // A moment after the release time, so the next pass finds it due.
                    var until = (next - now).ToTimeSpan() + TimeSpan.FromMilliseconds(50);
                    sleep = until < sleep ? until : sleep;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                Failed(logger, e);
            }
            try
            {
                await Task.Delay(sleep, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reserved slots: {Count} released to other patients")]
    private static partial void Released(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reserved slots: releasing failed; trying again shortly")]
    private static partial void Failed(ILogger logger, Exception e);
}
