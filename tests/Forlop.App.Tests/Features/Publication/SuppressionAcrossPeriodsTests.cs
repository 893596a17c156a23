using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Indicators;
using Forlop.App.Features.Report;
using Forlop.App.Tests.Infrastructure;
using Forlop.Domain.Indicators;
using Forlop.Domain.Reporting;

namespace Forlop.App.Tests.Features.Publication;

/// <summary>
/// An attacker against a year of public figures (reference/pathways.md §1.4: NPR removes counts below 3 and any figure
/// from which such a count could be derived; results per month and tertial, by RHF, HF and pathway). The attacker
/// (<see cref="DisclosureAudit"/>) takes every table the public can get for the year — months, tertials, quarters and
/// the year; nation, RHFs and HFs; every pathway and ALL — and solves every relation between them at once.
/// </summary>
public class SuppressionAcrossPeriodsTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task YearOfDemoData_PublicTablesGiveNoSuppressedCountAway(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        var demo = await Cli.RunAsync("demo", "--db", db, "--year", "2024", "--pathways", "4000");
        Assert.True(demo.ExitCode == 0, demo.Output + demo.Error);
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        var directory = CatalogueFiles.ResolveDirectory();
        var pathways = CatalogueFiles.LoadPathways(directory);
        var service = await IndicatorService.CreateAsync(context, pathways, CatalogueFiles.LoadIndicators(directory, pathways), ct);
        var definition = service.Indicators.Find(IndicatorReport.IndicatorId)!;
        Assert.True(ReportingPeriod.TryParse("2024", out var year, out _));
        var scope = PublicationScope.Of(year);

        var truth = new List<IndicatorCube>();
        var shown = new List<IndicatorCube>();
        foreach (var period in scope)
        {
            truth.Add(await service.ComputeCurrentCubeAsync(definition, period, ct));
            shown.Add((await service.PublicCubeAsync(definition, period, 3, ct)).Cube);
        }
        var published = truth.Select(c => c with { Figures = c.Figures.Where(f => f.Level != OrganisationLevel.Unit).ToList() }).ToList();
        // Before: each period suppressed on its own, as every public output did.
        var before = DisclosureAudit.Attack(published, truth.Select(c => IndicatorSuppression.ForPublic(c, 3)).ToList(), 3);
        var after = DisclosureAudit.Attack(published, shown, 3);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{kind}: per period: {before.SuppressedCells} suppressed, {before.RecoveredSuppressed} recovered exactly, {before.RecoveredSmall.Count} small counts " +
            $"(1–2) recovered; scope: {after.SuppressedCells} suppressed, {after.RecoveredSuppressed} recovered, {after.RecoveredSmall.Count} small recovered");

        Assert.NotEmpty(before.RecoveredSmall);
        // Issue 10 item 7: no suppressed count at all can be worked out, small or not.
        var recovered = after.Recovered.Where(c => c.Cell != "rest").ToList();
        Assert.True(recovered.Count == 0, string.Join("; ", recovered.Take(10).Select(c => $"{c.Period} {c.Figure.Key} {c.Cell} = {c.Value}")));
        // The completed pathways without a standard are a second table (decision 0012): attacked the same way.
        var withoutTruth = published.Select(WithoutStandardTable).ToList();
        var withoutShown = shown.Select(WithoutStandardTable).ToList();
        var withoutAudit = DisclosureAudit.Attack(withoutTruth, withoutShown, 3);
        Assert.True(withoutAudit.Recovered.Count == 0,
            string.Join("; ", withoutAudit.Recovered.Take(10).Select(c => $"{c.Period} {c.Figure.Key} {c.Cell} = {c.Value}")));
        // The headline stays printed: the nation's share for all pathways in the year and its tertials (NPR's
        // publication periods), and the number completed for the year. (This small year completes a few dozen
        // pathways a month, a handful of them without a standard: a month's national total may have to be hidden to
        // protect one HF's single pathway; NationalVolumeTests checks the public page at the national volume.)
        foreach (var cube in shown.Where(c => c.Period.Text is "2024" or "2024-T1" or "2024-T2" or "2024-T3"))
        {
            var nation = cube.Figures.Single(f => f.Level == OrganisationLevel.Nation && f.Pathway == IndicatorFigure.AllPathways);
            Assert.True(nation.Count is not null && nation.Numerator is not null, $"{cube.Period.Text}: the nation's share is hidden: {nation}");
            if (cube.Period.Text == "2024")
            {
                Assert.True(nation.CompletedIn(IndicatorKind.ShareWithinStandard) is not null, $"2024: the nation's number completed is hidden: {nation}");
            }
        }
        // `report --public` prints the same cells as the scope, for a month, a tertial and the year, at every level.
        foreach (var period in new[] { "2024-03", "2024-T2", "2024" })
        {
            var cube = shown[scope.Select(p => p.Text).ToList().IndexOf(period)];
            foreach (var by in new[] { ReportBreakdown.Pathway, ReportBreakdown.Hf, ReportBreakdown.Rhf })
            {
                var csv = await Cli.ReportCsvAsync(db, period, "--by", by.ToString().ToLowerInvariant(), "--public");
                var (rows, total) = CompletedWithinStandard.Rows(cube, by);
                Assert.Equal(IndicatorReport.ToCsv(rows, total, by), csv);
            }
        }
    }

    private static IndicatorCube WithoutStandardTable(IndicatorCube cube) => cube with
    {
        Definition = cube.Definition with { Kind = IndicatorKind.Count },
        Figures = cube.Figures.Select(f => f with { Count = f.WithoutStandard, Numerator = null, WithoutStandard = null, Quartiles = null }).ToList(),
    };
}
