using Forlop.App.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forlop.App.Features.Operations;

/// <summary>
/// Probes for a load balancer or orchestrator, open to anyone and saying only <c>Healthy</c> or <c>Unhealthy</c>:
/// <c>/healthz</c> (liveness: the process answers requests) and <c>/readyz</c> (readiness: the database answers a
/// query of the registry too). A database outage makes the instance unready (503), not dead, so it is not restarted.
/// </summary>
public static class HealthEndpoints
{
    public const string Liveness = "/healthz";
    public const string Readiness = "/readyz";
    private const string ReadyTag = "ready";

    public static void AddHealthEndpoints(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<DatabaseCheck>("database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));

    public static void MapHealthEndpoints(this WebApplication app)
    {
        // Nothing but the status word: no check names, exceptions, timings or versions for a stranger to read.
        app.MapHealthChecks(Liveness, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks(Readiness, new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous().DisableHttpMetrics();
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
