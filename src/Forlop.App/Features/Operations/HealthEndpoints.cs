using Forlop.App.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forlop.App.Features.Operations;

/// <summary>
/// Probes for a load balancer or orchestrator, open to anyone and saying only <c>Healthy</c> or <c>Unhealthy</c>:
/// <c>/healthz</c> (liveness: the process answers requests), <c>/readyz</c> (readiness: the database answers a
/// query of the registry too) and <c>/startupz</c> (start-up: the reads a new instance makes before its first readers —
/// the dashboard's cube, the predictions' history, the public figures — are done). A database outage makes the
/// instance unready (503), not dead, so it is not restarted. A warming instance is ready, because a lone instance must
/// keep answering (slowly) while it warms; <c>/startupz</c> is for whoever wants to wait for a warm one: an
/// orchestrator's start-up probe before it moves traffic over, and <c>bench/load.sh</c>, which measures the working
/// day and not the minute after a restart (docs/performance.md).
/// </summary>
public static class HealthEndpoints
{
    public const string Liveness = "/healthz";
    public const string Readiness = "/readyz";
    public const string StartUp = "/startupz";
    private const string ReadyTag = "ready";
    private const string StartUpTag = "startup";

    public static void AddHealthEndpoints(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .Add(new HealthCheckRegistration("warmed", s => new WarmedCheck(
                    s.GetService<Hosting.StartUpWarmUps>()?.Done ?? Task.CompletedTask,
                    s.GetService<Publication.PublicFiguresWarmUp>()?.FirstRound ?? Task.CompletedTask),
                failureStatus: HealthStatus.Unhealthy, tags: [StartUpTag]));

    public static void MapHealthEndpoints(this WebApplication app)
    {
        // Nothing but the status word: no check names, exceptions, timings or versions for a stranger to read.
        app.MapHealthChecks(Liveness, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableHttpMetrics();
        // A warming instance still answers (ready); only the start-up probe waits for it to be warm.
        MapProbe(app, Readiness, ReadyTag, whenDegraded: StatusCodes.Status200OK);
        MapProbe(app, StartUp, StartUpTag, whenDegraded: StatusCodes.Status503ServiceUnavailable);
    }

    private static void MapProbe(WebApplication app, string path, string tag, int whenDegraded) =>
        app.MapHealthChecks(path, new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(tag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = whenDegraded,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous().DisableHttpMetrics();

    /// <summary>
    /// Healthy once every start-up read has finished (or failed and been logged: a failed warm-up leaves the first
    /// reader to read, which is slow but not broken, so it does not hold the instance back for ever).
    /// </summary>
    internal sealed class WarmedCheck(params Task[] warmUps) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(warmUps.All(w => w.IsCompleted) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("warming up"));
    }

    /// <summary>One small query of the registry on a context of its own: the connection, the pool and the schema answer.</summary>
    private sealed class DatabaseCheck(DatabaseTarget target) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = target.CreateContext();
                await db.Organisations.AsNoTracking().AnyAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The reason goes to the log of the check (warning level), never into the response.
                return HealthCheckResult.Unhealthy("the database does not answer", e);
            }
        }
    }
}
