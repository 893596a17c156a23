using Forlop.App.Features.Dashboards;
using Forlop.Domain.Access;
using Forlop.Domain.Organisations;
using NodaTime;

namespace Forlop.App.Tests.Features.Dashboards;

/// <summary>The dashboard page's choices: the default period and the HFs an actor may see figures of.</summary>
public class DashboardViewTests
{
    private static readonly OrganisationDirectory Organisations = new([
        new Organisation("HSO", OrganisationKind.Rhf, null, "Helse Sør-Øst RHF"),
        new Organisation("HV", OrganisationKind.Rhf, null, "Helse Vest RHF"),
        new Organisation("OUS", OrganisationKind.Hf, "HSO", "Oslo universitetssykehus HF"),
        new Organisation("AHUS", OrganisationKind.Hf, "HSO", "Akershus universitetssykehus HF"),
        new Organisation("LDS", OrganisationKind.Ideell, "HSO", "Lovisenberg Diakonale Sykehus"),
        new Organisation("HB", OrganisationKind.Hf, "HV", "Helse Bergen HF"),
    ]);

    [Theory]
    [InlineData(2026, 1, 15, "2025-T3")]
    [InlineData(2026, 4, 30, "2025-T3")]
    [InlineData(2026, 5, 1, "2026-T1")]
    [InlineData(2026, 11, 23, "2026-T2")]
    public void DefaultPeriod_IsTheLastEndedTertial(int year, int month, int day, string expected) =>
        Assert.Equal(expected, DashboardView.DefaultPeriod(new LocalDate(year, month, day)).Text);

    [Fact]
    public void Periods_AreSixEndedTertialsThenTwoYears()
    {
        var periods = DashboardView.Periods(new LocalDate(2026, 11, 23)).Select(p => p.Text);

        Assert.Equal(["2026-T2", "2026-T1", "2025-T3", "2025-T2", "2025-T1", "2024-T3", "2025", "2024"], periods);
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
