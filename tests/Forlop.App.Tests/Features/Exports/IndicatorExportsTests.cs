using Forlop.Domain;
using Forlop.App.Hosting;
using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Exports;
using Forlop.App.Tests.Infrastructure;
using Forlop.Domain.Access;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Reporting;
using NodaTime;

namespace Forlop.App.Tests.Features.Exports;

/// <summary>Who may export which figures (<see cref="AccessPolicy.MaySeeFiguresOf"/>), on <see cref="ExportScenario"/>.</summary>
public class IndicatorExportsTests
{
    private static readonly ReportingPeriod September = Period("2016-09");

    private static ReportingPeriod Period(string text) => ReportingPeriod.TryParse(text, out var period, out var error) ? period : throw new ArgumentException(error);

    private static Actor As(string role, string organisation) =>
        new("test-user", "Test User", EnumNames.TryParse<Role>(role, out var r) ? r : throw new ArgumentException(role), organisation, []);

    private static async Task<RegistryStore> OpenAsync(DatabaseKind kind) =>
        await RegistryStore.OpenAsync(DatabaseTarget.Parse(await ExportScenario.DatabaseAsync(kind)), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, TestContext.Current.CancellationToken);

    [Theory]
    // A national analyst sees the whole country and any HF.
    [InlineData("national-analyst", "", null, "ready")]
    [InlineData("national-analyst", "", "FORDE", "ready")]
    // A clinical lead sees her own HF only; not the country, not another HF, not her region.
    [InlineData("clinical-lead", "FORDE", "FORDE", "ready")]
    [InlineData("clinical-lead", "FORDE", null, "refused")]
    [InlineData("clinical-lead", "FORDE", "OUS", "refused")]
    [InlineData("clinical-lead", "FORDE", "HV", "refused")]
    // A coordinator sees her HF's figures as well.
    [InlineData("coordinator", "FORDE", "FORDE", "ready")]
    // A regional analyst of Helse Vest sees the region and its HFs, not Helse Sør-Øst's.
    [InlineData("regional-analyst", "HV", "HV", "ready")]
    [InlineData("regional-analyst", "HV", "FORDE", "ready")]
    [InlineData("regional-analyst", "HV", "OUS", "refused")]
    [InlineData("regional-analyst", "HV", null, "refused")]
    // Administrators and hospital systems see no figures.
    [InlineData("administrator", "", "FORDE", "refused")]
    [InlineData("hospital-system", "FORDE", "FORDE", "refused")]
    // An unknown code is a bad request, whoever asks.
    [InlineData("national-analyst", "", "NOPE", "invalid")]
    public async Task CompletedWithinStandard_ByHf_IsForThoseWhoMaySeeTheOrganisation(string role, string actorOrganisation, string? organisation, string expected)
    {
        await using var store = await OpenAsync(DatabaseKind.Sqlite);
        var exports = new IndicatorExports(store.Db, store.Catalogue, store.Organisations, store.Indicators);

        var outcome = await exports.CompletedWithinStandardAsync(As(role, actorOrganisation), September, ReportBreakdown.Hf, organisation, TestContext.Current.CancellationToken);

        Assert.Equal(expected, outcome switch
        {
            Outcome<ExportTable>.Ready => "ready",
            Outcome<ExportTable>.NotAllowed => "refused",
            _ => "invalid",
        });
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task CompletedWithinStandard_ForTheLeadsOwnHf_HoldsOnlyItsPathways(DatabaseKind kind)
    {
        await using var store = await OpenAsync(kind);
        var exports = new IndicatorExports(store.Db, store.Catalogue, store.Organisations, store.Indicators);

        var outcome = await exports.CompletedWithinStandardAsync(As("clinical-lead", "FORDE"), September, ReportBreakdown.Hf, "FORDE", TestContext.Current.CancellationToken);

        var table = Assert.IsType<Outcome<ExportTable>.Ready>(outcome).Value;
        Assert.Equal(
            ["A12,FORDE,Helse Førde HF,3,2,66.7", "A37,FORDE,Helse Førde HF,1,1,100.0", "ALL,,,4,3,75.0"],
            CsvExportTests.ReadBack(CsvExport.ToBytes(table)).Skip(1).Select(r => string.Join(',', r[0], r[2], r[3], r[4], r[5], r[6])));
        Assert.Equal("Periode 2016-09 · per helseforetak · Helse Førde HF (FORDE)", table.Subtitle);
    }

    [Theory]
    // Her own HF.
    [InlineData("clinical-lead", "FORDE", "ready")]
    // Another HF's report.
    [InlineData("clinical-lead", "OUS", "refused")]
    // The HF's region.
    [InlineData("regional-analyst", "HV", "ready")]
    [InlineData("regional-analyst", "HSO", "refused")]
    public async Task MonthlyReport_IsForThoseWhoMaySeeTheHf(string role, string actorOrganisation, string expected)
    {
        await using var store = await OpenAsync(DatabaseKind.Sqlite);
        var exports = new IndicatorExports(store.Db, store.Catalogue, store.Organisations, store.Indicators);

        var outcome = await exports.MonthlyReportAsync(As(role, actorOrganisation), "FORDE", September, new LocalDate(2016, 10, 3), TestContext.Current.CancellationToken);

        Assert.Equal(expected, outcome is Outcome<MonthlyReport>.Ready ? "ready" : outcome is Outcome<MonthlyReport>.NotAllowed ? "refused" : "invalid");
    }

    [Fact]
    public async Task MonthlyReport_Shares_ArePerPathwayAndTheTrendEndsInTheMonth()
    {
        await using var store = await OpenAsync(DatabaseKind.Sqlite);
        var exports = new IndicatorExports(store.Db, store.Catalogue, store.Organisations, store.Indicators);

        var outcome = await exports.MonthlyReportAsync(IndicatorExports.CommandLine, "FORDE", September, new LocalDate(2016, 10, 3), TestContext.Current.CancellationToken);

        var report = Assert.IsType<Outcome<MonthlyReport>.Ready>(outcome).Value;
        Assert.Equal([new PathwayShare("A12", 3, 66.7m), new PathwayShare("A37", 1, 100.0m)], report.Shares);
        Assert.Equal(12, report.Trend.Count);
        Assert.Equal(new LocalDate(2015, 10, 1), report.Trend[0].Month);
        Assert.Equal(new MonthShare(new LocalDate(2016, 6, 1), 1, 1, 100.0m), report.Trend[8]);
        Assert.Equal(new MonthShare(new LocalDate(2016, 7, 1), 0, 0, null), report.Trend[9]);
        Assert.Equal(new MonthShare(new LocalDate(2016, 9, 1), 4, 3, 75.0m), report.Trend[11]);
    }
}
