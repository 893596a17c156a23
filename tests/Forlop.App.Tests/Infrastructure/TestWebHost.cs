using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Serve;
using Microsoft.AspNetCore.Builder;
using NodaTime;

namespace Forlop.App.Tests.Infrastructure;

/// <summary>The web application as `forlop serve` runs it, on a free loopback port, with a client for it.</summary>
public static class TestWebHost
{
    public static async Task<(WebApplication App, HttpClient Client)> StartAsync(string db)
    {
        var ct = TestContext.Current.CancellationToken;
        var target = DatabaseTarget.Parse(db);
        var catalogueDirectory = CatalogueFiles.ResolveDirectory();
        // As `forlop serve` does: the store is opened (schema created or migrated) before the host reads organisations.
        await using (await RegistryStore.OpenAsync(target, catalogueDirectory, SystemClock.Instance, ct))
        {
        }
        var app = WebHost.Build(target, catalogueDirectory, "http://127.0.0.1:0");
        await app.StartAsync(ct);
        return (app, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
    }
}
