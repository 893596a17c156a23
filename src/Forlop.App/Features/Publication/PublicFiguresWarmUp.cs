using System.Data.Common;
using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Hosting;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using NodaTime;

namespace Forlop.App.Features.Publication;

/// <summary>
/// Keeps the public page's default figures (last year, the one <c>/statistikk</c> opens on, and this year) suppressed
/// ahead of the first reader. Suppressing a national year takes seconds (docs/performance.md), and the cached scope is
/// computed again after every import, registration or lock; without this, the first visitor after each change waited
/// for it (and the browser suite's page loads ran into their timeout on a loaded machine). Every
/// interval (<see cref="Interval"/>) the service asks for the two years: unchanged, that is one cheap stamp query; changed, the
/// computation runs here instead of in a reader's request (a reader who comes meanwhile joins it: the cache is single-flight).
/// </summary>
public sealed partial class PublicFiguresWarmUp(DatabaseTarget target, PathwayCatalogue catalogue, IndicatorCatalogue indicators, IClock clock,
    IConfiguration configuration, StartUpWarmUps startUp, ILogger<PublicFiguresWarmUp> logger) : BackgroundService
{
    /// <summary>
    /// Minutes between checks (<c>Forlop:Publication:WarmUpMinutes</c>, default 15). Each check after a change costs
    /// seconds of both cores at national volume, taken from the coordinators' requests: often enough that a public
    /// reader rarely waits, rare enough not to weigh on the working day (bench/load.sh, docs/performance.md).
    /// </summary>
    private TimeSpan Interval => TimeSpan.FromMinutes(Math.Clamp(configuration.GetValue("Forlop:Publication:WarmUpMinutes", 15), 1, 24 * 60));

    private readonly TaskCompletionSource _firstRound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done when the first round has suppressed both years (or failed and logged why).</summary>
    public Task FirstRound => _firstRound.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // After the dashboard's cube and the predictions' history: a coordinator opening her list waits on those,
            // a public reader on these (and a reader who comes first joins the computation).
            await startUp.Done.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(Interval);
            do
            {
                await WarmAsync(stoppingToken);
                _firstRound.TrySetResult();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stopped.
        }
    }

    private async Task WarmAsync(CancellationToken ct)
    {
        var year = clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Year;
        foreach (var period in new[] { year - 1, year })
        {
            try
            {
                await using var db = target.CreateContext();
                await PublicIndicators.TableAsync(period.ToString(CultureInfo.InvariantCulture), "pathway", null, db, catalogue, indicators, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // A database that is down now is tried again at the next tick; a reader computes meanwhile.
                Failed(logger, period, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Public figures of {Year}: suppressing them ahead of readers failed; the first reader will")]
    private static partial void Failed(ILogger logger, int year, Exception e);
}
