using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Serve;
using Microsoft.AspNetCore.Builder;

namespace Forlop.App.Tests.Infrastructure;

/// <summary>The web application as `forlop serve` runs it, on a free loopback port, with a client for it.</summary>
public static class TestWebHost
{
    public static async Task<(WebApplication App, HttpClient Client)> StartAsync(string db)
    {
        var app = await WebHost.BuildAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), "http://127.0.0.1:0");
        await app.StartAsync(TestContext.Current.CancellationToken);
        return (app, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
    }
}
