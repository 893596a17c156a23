using System.Net;
using System.Net.Http.Json;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Registration;

/// <summary>A registration over the API rebuilds the measured intervals with the episodes, as an import does, so indicators see it at once.</summary>
public class RegisteredIntervalsTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Register_ADecision_StoresTheIntervalItEndsOnce(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        using var client = await scenario.SignedInAsync("koordinator");
        var ous = scenario.Places["OUS"];
        await using var db = scenario.OpenDb();
        var before = await db.EpisodeIntervals.Where(i => i.EpisodeId == ous.EpisodeId).Select(i => i.IntervalId).ToListAsync(ct);

        var response = await client.PostAsJsonAsync("/api/v1/events",
            new { nationalId = ous.NationalId, organisation = "OUS", code = "A01CK", date = scenario.Today.PlusDays(-2).ToString("yyyy-MM-dd", null) }, ct);
        var after = await db.EpisodeIntervals.Where(i => i.EpisodeId == ous.EpisodeId).OrderBy(i => i.Ordinal).Select(i => i.IntervalId).ToListAsync(ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        // Start 20 days ago, first attendance 10 days ago (OF1), decision 2 days ago (OF2: 8 days).
        Assert.Equal(["OF1"], before);
        Assert.Equal(["OF1", "OF2"], after);
        Assert.Equal(8, (await db.EpisodeIntervals.SingleAsync(i => i.EpisodeId == ous.EpisodeId && i.IntervalId == "OF2", ct)).Length);
    }
}
