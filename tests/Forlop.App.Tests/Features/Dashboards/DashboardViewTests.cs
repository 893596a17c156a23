using Forlop.Domain.Codes;
using Forlop.App.Features.Dashboards;
using Forlop.Domain.Access;
using Forlop.Domain.Organisations;
using NodaTime;

namespace Forlop.App.Tests.Features.Dashboards;

/// <summary>The dashboard page's choices: the default period, the scopes and the HFs an actor may see figures of.</summary>
public class DashboardViewTests
{
    private static readonly OrganisationDirectory Organisations = new([
        new Organisation(OrganisationCode.Parse("HSO"), OrganisationKind.Rhf, null, "Helse Sør-Øst RHF"),
        new Organisation(OrganisationCode.Parse("HV"), OrganisationKind.Rhf, null, "Helse Vest RHF"),
        new Organisation(OrganisationCode.Parse("OUS"), OrganisationKind.Hf, OrganisationCode.Parse("HSO"), "Oslo universitetssykehus HF"),
        new Organisation(OrganisationCode.Parse("AHUS"), OrganisationKind.Hf, OrganisationCode.Parse("HSO"), "Akershus universitetssykehus HF"),
        new Organisation(OrganisationCode.Parse("LDS"), OrganisationKind.Ideell, OrganisationCode.Parse("HSO"), "Lovisenberg Diakonale Sykehus"),
        new Organisation(OrganisationCode.Parse("HB"), OrganisationKind.Hf, OrganisationCode.Parse("HV"), "Helse Bergen HF"),
    ]);

    [Theory]
    // The day: data up to December, so the current tertial, not the last ended one (2026-T2).
    [InlineData(2026, 12, 4, 2026, 12, "2026-T3")]
    // Data stops in August (an old registry, a fixture): the tertial of its latest month.
    [InlineData(2026, 12, 4, 2026, 8, "2026-T2")]
    // A first day of a tertial with data of that day: the new tertial, open.
    [InlineData(2026, 5, 1, 2026, 5, "2026-T2")]
    // Months with data after today (events dated ahead) do not move the dashboard into the future.
    [InlineData(2026, 1, 15, 2026, 9, "2026-T1")]
    public void DefaultPeriod_IsTheTertialOfTheLatestMonthWithData(int year, int month, int day, int latestYear, int latestMonth, string expected)
    {
        var period = DashboardView.DefaultPeriod(new LocalDate(year, month, day), new YearMonth(latestYear, latestMonth));

        Assert.Equal(expected, period.Text);
    }

    [Fact]
    public void DefaultPeriod_OfAnEmptyRegistry_IsTodaysTertial() =>
        Assert.Equal("2026-T3", DashboardView.DefaultPeriod(new LocalDate(2026, 12, 4), null).Text);

    [Theory]
    [InlineData("2026-T3", true)]
    [InlineData("2026-12", true)]
    [InlineData("2026", true)]
    [InlineData("2026-T2", false)]
    [InlineData("2026-11", false)]
    public void IsProvisional_WhileThePeriodHasNotEnded(string text, bool provisional)
    {
        Assert.True(Forlop.Domain.Reporting.ReportingPeriod.TryParse(text, out var period, out _));

        Assert.Equal(provisional, DashboardView.IsProvisional(period, new LocalDate(2026, 12, 4)));
    }

    [Fact]
    public void Periods_AreSevenTertialsSixMonthsAndThreeYears_NewestFirst()
    {
        var periods = DashboardView.Periods(new LocalDate(2026, 12, 4), new YearMonth(2026, 12)).Select(p => p.Text);

        Assert.Equal(["2026-T3", "2026-T2", "2026-T1", "2025-T3", "2025-T2", "2025-T1", "2024-T3",
            "2026-12", "2026-11", "2026-10", "2026-09", "2026-08", "2026-07", "2026", "2025", "2024"], periods);
    }

    [Theory]
    [InlineData(Role.NationalAnalyst, "NASJONAL", "nation,HSO,HV,AHUS,HB,LDS,OUS")]
    [InlineData(Role.RegionalAnalyst, "HSO", "HSO,AHUS,LDS,OUS")]
    [InlineData(Role.ClinicalLead, "OUS", "OUS")]
    [InlineData(Role.Administrator, "NASJONAL", "")]
    public void Scopes_StartAtTheWidestTheActorMaySee_ThenByName(Role role, string organisation, string expected)
    {
        var actor = new Actor("x", "X", role, organisation, []);

        Assert.Equal(expected, string.Join(',', DashboardView.Scopes(actor, Organisations).Select(s => s.Code ?? "nation")));
    }

    [Theory]
    [InlineData(Role.ClinicalLead, "OUS", "OUS")]
    [InlineData(Role.Coordinator, "OUS", "OUS")]
    [InlineData(Role.RegionalAnalyst, "HSO", "AHUS,LDS,OUS")]
    [InlineData(Role.NationalAnalyst, "NASJONAL", "AHUS,HB,LDS,OUS")]
    [InlineData(Role.Administrator, "NASJONAL", "")]
    public void VisibleHfs_AreThoseTheActorMaySeeFiguresOf(Role role, string organisation, string expected)
    {
        var actor = new Actor("x", "X", role, organisation, []);

        Assert.Equal(expected, string.Join(',', DashboardView.VisibleHfs(actor, Organisations).Select(o => o.Code)));
    }
}
