using System.Collections.Concurrent;
using Forlop.App.Data;
using Forlop.App.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Forlop.App.Tests.Features.Serve;

/// <summary>
/// The web host's cold reads at start-up run one after the other, in the order they were added, and one that fails
/// does not keep the next from running (StartUpWarmUps): started together they shared two cores and each finished later.
/// </summary>
public class StartUpWarmUpsTests
{
    [Fact]
    public async Task WarmUps_RunOneAfterTheOther_InTheirOrder_PastAFailure_UnderOneHostedService()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped(_ => DatabaseTarget.Parse(Path.Combine(Path.GetTempPath(), "forlop-warmups-unused.db")).CreateContext());
        services.AddSingleton(new Steps());
        services.AddStartUpWarmUp<Slow>().AddStartUpWarmUp<Failing>().AddStartUpWarmUp<Quick>();
        Assert.Single(services, s => s.ServiceType == typeof(IHostedService));

        await using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<StartUpWarmUps>();
        await runner.StartAsync(ct);
        await runner.Done.WaitAsync(TimeSpan.FromSeconds(30), ct);
        await runner.StopAsync(ct);

        Assert.Equal(["slow started", "slow ended", "failing started", "quick started"], provider.GetRequiredService<Steps>().Said);
    }

    private sealed class Steps
    {
        private readonly ConcurrentQueue<string> _said = new();

        public IReadOnlyList<string> Said => [.. _said];

        public void Say(string what) => _said.Enqueue(what);
    }

    private sealed class Slow(Steps steps) : IStartUpWarmUp
    {
        public string Name => "slow";

        public async Task<string> WarmAsync(RegistryDb db, CancellationToken ct)
        {
            steps.Say("slow started");
            await Task.Delay(300, ct);
            steps.Say("slow ended");
            return "done";
        }
    }

    private sealed class Failing(Steps steps) : IStartUpWarmUp
    {
        public string Name => "failing";

        public Task<string> WarmAsync(RegistryDb db, CancellationToken ct)
        {
            steps.Say("failing started");
            throw new InvalidOperationException("the database is not there");
        }
    }

    private sealed class Quick(Steps steps) : IStartUpWarmUp
    {
        public string Name => "quick";

        public Task<string> WarmAsync(RegistryDb db, CancellationToken ct)
        {
            steps.Say("quick started");
            return Task.FromResult("done");
        }
    }
}
