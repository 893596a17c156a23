using System.Data.Common;
using Forlop.App.Data;

namespace Forlop.App.Hosting;

/// <summary>
/// One read a web host makes when it starts, so that the first reader does not wait for it (the dashboard's cube, the
/// predictions' history). Returns what it read, for the log.
/// </summary>
public interface IStartUpWarmUp
{
    /// <summary>What is warmed, for the log: "Dashboard cube".</summary>
    string Name { get; }

    Task<string> WarmAsync(RegistryDb db, CancellationToken ct);
}

/// <summary>
/// Runs the web host's warm-ups one after the other, in the order they were added. Each is a cold read of the whole
/// registry (tens of seconds at national volume, docs/performance.md); started together, as they once were, they
/// shared two cores and each finished later than it would alone, so the dashboard a user opened first waited for the
/// predictions' read too. A failure is logged and the next warm-up runs; the first reader then reads.
/// </summary>
public sealed partial class StartUpWarmUps(IServiceScopeFactory scopes, IEnumerable<IStartUpWarmUp> warmUps, ILogger<StartUpWarmUps> logger) : BackgroundService
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done when every warm-up has run (or failed and was logged), or the host stopped first.</summary>
    public Task Done => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var warmUp in warmUps)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var said = await warmUp.WarmAsync(scope.ServiceProvider.GetRequiredService<RegistryDb>(), stoppingToken);
                    Warmed(logger, warmUp.Name, said);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return; // The host stopped first.
                }
                catch (Exception e) when (e is DbException or InvalidOperationException)
                {
                    Failed(logger, warmUp.Name, e);
                }
            }
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Name}: {Said}")]
    private static partial void Warmed(ILogger logger, string name, string said);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Name}: the read at start-up failed; the first reader will read")]
    private static partial void Failed(ILogger logger, string name, Exception e);
}

public static class StartUpWarmUpRegistration
{
    /// <summary>Adds <typeparamref name="T"/> to the warm-ups, after those added before it; the runner is added once.</summary>
    public static IServiceCollection AddStartUpWarmUp<T>(this IServiceCollection services) where T : class, IStartUpWarmUp
    {
        if (!services.Any(s => s.ServiceType == typeof(StartUpWarmUps)))
        {
            services.AddSingleton<StartUpWarmUps>().AddHostedService(s => s.GetRequiredService<StartUpWarmUps>());
        }
        return services.AddSingleton<IStartUpWarmUp, T>();
    }
}
