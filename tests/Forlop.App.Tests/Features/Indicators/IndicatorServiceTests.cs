using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Indicators;
using Forlop.App.Tests.Infrastructure;
using Forlop.Domain.Access;
using Forlop.Domain.Indicators;
using Forlop.Domain.Reporting;

namespace Forlop.App.Tests.Features.Indicators;

/// <summary><see cref="IndicatorService"/> as dashboards call it: for an actor, whole where AccessPolicy allows, suppressed elsewhere.</summary>
public class IndicatorServiceTests
{
    private static string P(int i) => TestPatients.Number(i);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task ComputeFor_ActorSeesTheirOwnHfWholeAndOthersSuppressed(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        var rows = new List<string>();
        var patient = 1;
        // Started A12 pathways: AHUS 2, SIV 1, OUS 9 (Helse Sør-Øst); SUS 8 (Helse Vest).
        foreach (var (organisation, count) in new[] { ("AHUS", 2), ("SIV", 1), ("OUS", 9), ("SUS", 8) })
        {
            for (var i = 0; i < count; i++, patient++)
            {
                rows.Add($"s{patient},{P(patient)},{organisation},A12A,2016-09-01,,");
            }
        }
        await Cli.ImportAsync(db, EventsFiles.WriteRows([.. rows]));
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        var directory = CatalogueFiles.ResolveDirectory();
        var pathways = CatalogueFiles.LoadPathways(directory);
        var service = await IndicatorService.CreateAsync(context, pathways, CatalogueFiles.LoadIndicators(directory, pathways), ct);
        Assert.True(ReportingPeriod.TryParse("2016-T3", out var period, out _));
        var coordinator = new Actor("kari", "Kari", Role.Coordinator, "AHUS", []);
        var national = new Actor("nils", "Nils", Role.NationalAnalyst, "", []);

        var own = await service.ComputeForAsync(coordinator, "started", period, OrganisationLevel.Hf, new IndicatorFilter("A12"), 3, ct);
        var all = await service.ComputeForAsync(national, "started", period, OrganisationLevel.Hf, new IndicatorFilter("A12"), 3, ct);
        var figures = await service.ComputeAsync("started", period, OrganisationLevel.Hf, new IndicatorFilter("A12"), ct);

        int? Count(IndicatorResult r, string? organisation) => r.Rows.Single(f => f.Organisation == organisation).Count;
        Assert.Equal(2, Count(own, "AHUS"));
        Assert.Null(Count(own, "SIV"));
        Assert.Equal(3, own.MinCount);
        // AHUS's 2 is known to the coordinator; HSO − AHUS − OUS would then give SIV's 1: OUS or HSO's count must go.
        Assert.True(Count(own, "OUS") is null || (await service.ComputeForAsync(coordinator, "started", period, OrganisationLevel.Rhf, new IndicatorFilter("A12"), 3, ct))
            .Rows.Single(f => f.Organisation == "HSO").Count is null);
        Assert.Equal(1, Count(all, "SIV"));
        Assert.Null(all.MinCount);
        Assert.Equal([2, 9, 1, 8, 20], figures.Rows.Select(f => f.Count!.Value));
    }
}
