using Forlop.App.Data;
using Forlop.App.Hosting;

namespace Forlop.App.Features.Dashboards;

/// <summary>How the cube last caught up with the registry: counted everything, or only the changed patients' episodes.</summary>
public sealed record DashboardRefresh(bool Everything, int Episodes, TimeSpan Took);

/// <summary>Registers the one cube a web host's registry needs; pages and APIs take it and call <see cref="DashboardCube.CurrentAsync"/>.</summary>
public static class DashboardCubeRegistration
{
    public static IServiceCollection AddDashboardCube(this IServiceCollection services) =>
        services.AddSingleton<DashboardCube>().AddStartUpWarmUp<DashboardWarmUp>();
}

/// <summary>
/// Counts the registry once when the web host starts, so that the first dashboard does not wait for the cold count
/// (tens of seconds at 20 M events, docs/performance.md).
/// </summary>
internal sealed class DashboardWarmUp(DashboardCube cube) : IStartUpWarmUp
{
    public string Name => "Dashboard cube";

    public async Task<string> WarmAsync(RegistryDb db, CancellationToken ct)
    {
        await cube.CurrentAsync(db, ct);
        return cube.LastRefresh is { } refresh
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{refresh.Episodes} episodes counted in {refresh.Took.TotalSeconds:0.0} s")
            : "already counted";
    }
}
