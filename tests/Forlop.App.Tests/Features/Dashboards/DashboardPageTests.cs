using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Dashboards;

/// <summary>
/// The dashboard page over HTTP, on <see cref="EpisodesBehindFigureTests"/>' registry (tertial 3 of 2016 at OUS): what
/// the server's first rendering sends before the live connection takes over.
/// </summary>
public class DashboardPageTests
{
    /// <summary>
    /// Decision 0020: the figures come from the kept cube and are sent at once; the quartiles, counted from the
    /// registry's intervals (seconds for a year at national volume), are not waited for: the first rendering holds
    /// the figures and a progress bar where the quartiles will be, and the live page counts them afterwards.
    /// </summary>
    [Fact]
    public async Task Dashboard_FirstRendering_SendsTheFigures_WithoutWaitingForTheQuartiles()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _) = await EpisodesBehindFigureTests.StartAsync(DatabaseKind.Sqlite);
        await using var host = app;
        using var client = await EpisodesBehindFigureTests.SignedInAsync(app, "leder");

        var page = await client.GetStringAsync(new Uri("/dashbord?periode=2016-T3&hf=OUS", UriKind.Relative), ct);

        Assert.Contains("id=\"dashboard-table\"", page, StringComparison.Ordinal);
        Assert.Contains("data-pathway=\"A12\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"dashboard-quartiles-loading\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"dashboard-quartiles\"", page, StringComparison.Ordinal);
    }
}
