using System.Data.Common;
using Forlop.App.Data;

namespace Forlop.App.Features.Dashboards;

/// <summary>How the cube last caught up with the registry: counted everything, or only the changed patients' episodes.</summary>
public sealed record DashboardRefresh(bool Everything, int Episodes, TimeSpan Took);

/// <summary>Registers the one cube a web host's registry needs; pages and APIs take it and call <see cref="DashboardCube.CurrentAsync"/>.</summary>
public static class DashboardCubeRegistration
{
    public static IServiceCollection AddDashboardCube(this IServiceCollection services) =>
        services.AddSingleton<DashboardCube>().AddHostedService<DashboardWarmUp>();
}

/// <summary>
/// Counts the registry once when the web host starts, so that the first dashboard does not wait for the cold count
/// (tens of seconds at 20 M events, docs/performance.md). A failure is logged; the first read then counts.
/// </summary>
internal sealed partial class DashboardWarmUp(IServiceScopeFactory scopes, DashboardCube cube, ILogger<DashboardWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await cube.CurrentAsync(scope.ServiceProvider.GetRequiredService<RegistryDb>(), stoppingToken);
            if (cube.LastRefresh is { } refresh)
            {
                Counted(logger, refresh.Episodes, refresh.Took.TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stopped first.
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            Failed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard cube: {Episodes} episodes counted in {Seconds:0.0} s")]
    private static partial void Counted(ILogger logger, int episodes, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard cube: the count at start-up failed; the first dashboard will count")]
    private static partial void Failed(ILogger logger, Exception e);
}
