using Forlop.Domain.Codes;
using Forlop.Domain.Access;
using Forlop.Domain.Organisations;

namespace Forlop.Domain.Tests.Access;

public class AccessPolicyTests
{
    private static readonly OrganisationDirectory Organisations = new(
    [
        new Organisation(OrganisationCode.Parse("HSO"), OrganisationKind.Rhf, null, "Helse Sør-Øst RHF"),
        new Organisation(OrganisationCode.Parse("HV"), OrganisationKind.Rhf, null, "Helse Vest RHF"),
        new Organisation(OrganisationCode.Parse("OUS"), OrganisationKind.Hf, OrganisationCode.Parse("HSO"), "Oslo universitetssykehus HF"),
        new Organisation(OrganisationCode.Parse("OUS-KIR"), OrganisationKind.Unit, OrganisationCode.Parse("OUS"), "Kirurgisk klinikk"),
        new Organisation(OrganisationCode.Parse("HB"), OrganisationKind.Hf, OrganisationCode.Parse("HV"), "Helse Bergen HF"),
    ]);

    private static Actor As(Role role, string organisation = "OUS", params string[] units) => new("u", "U", role, organisation, units);

    [Theory]
    // Person-data roles see their own HF …
    [InlineData(Role.Coordinator, "OUS", "", "OUS", "OUS", true)]
    [InlineData(Role.Coordinator, "OUS", "", "OUS", "OUS-KIR", true)]
    [InlineData(Role.ClinicalLead, "OUS", "", "OUS", "OUS-KIR", true)]
    [InlineData(Role.HospitalSystem, "OUS", "", "OUS", "OUS", true)]
    // … and nothing of another HF.
    [InlineData(Role.Coordinator, "OUS", "", "HB", "HB", false)]
    [InlineData(Role.ClinicalLead, "OUS", "", "HB", "HB", false)]
    [InlineData(Role.HospitalSystem, "OUS", "", "HB", "HB", false)]
    // A coordinator limited to a unit sees only that unit's episodes; a clinical lead is never limited.
    [InlineData(Role.Coordinator, "OUS", "OUS-KIR", "OUS", "OUS-KIR", true)]
    [InlineData(Role.Coordinator, "OUS", "OUS-KIR", "OUS", "OUS", false)]
    [InlineData(Role.ClinicalLead, "OUS", "OUS-KIR", "OUS", "OUS", true)]
    // Figures-only roles never see person data, not even of their own region.
    [InlineData(Role.RegionalAnalyst, "HSO", "", "OUS", "OUS", false)]
    [InlineData(Role.NationalAnalyst, "", "", "OUS", "OUS", false)]
    [InlineData(Role.Administrator, "", "", "OUS", "OUS", false)]
    public void MayAccessPatientData_FollowsRoleHfAndUnit(Role role, string organisation, string units, string hf, string unit, bool expected)
    {
        var actor = As(role, organisation, units.Length == 0 ? [] : units.Split(','));

        Assert.Equal(expected, AccessPolicy.MayAccessPatientData(actor, hf, unit));
    }

    [Theory]
    [InlineData(Role.Coordinator, "OUS", "OUS-KIR", true)]
    // A clinical lead reads but does not code measurement points.
    [InlineData(Role.ClinicalLead, "OUS", "OUS", false)]
    [InlineData(Role.Coordinator, "OUS", "HB", false)]
    [InlineData(Role.HospitalSystem, "HB", "HB", true)]
    // An RHF never registers: events come from HFs and their units.
    [InlineData(Role.Coordinator, "OUS", "HSO", false)]
    [InlineData(Role.Coordinator, "OUS", "NOPE", false)]
    public void MayRegisterFor_OnlyCodingRolesAtTheirOwnHf(Role role, string organisation, string sender, bool expected) =>
        Assert.Equal(expected, AccessPolicy.MayRegisterFor(As(role, organisation), sender, Organisations));

    [Theory]
    [InlineData(Role.NationalAnalyst, "", "HB", true)]
    [InlineData(Role.NationalAnalyst, "", null, true)]
    [InlineData(Role.RegionalAnalyst, "HSO", "OUS", true)]
    [InlineData(Role.RegionalAnalyst, "HSO", "HSO", true)]
    [InlineData(Role.RegionalAnalyst, "HSO", "HB", false)]
    [InlineData(Role.RegionalAnalyst, "HSO", null, false)]
    [InlineData(Role.ClinicalLead, "OUS", "OUS-KIR", true)]
    [InlineData(Role.ClinicalLead, "OUS", "HB", false)]
    [InlineData(Role.Administrator, "", "OUS", false)]
    [InlineData(Role.HospitalSystem, "OUS", "OUS", false)]
    public void MaySeeFiguresOf_FollowsTheOrganisationLevel(Role role, string organisation, string? of, bool expected) =>
        Assert.Equal(expected, AccessPolicy.MaySeeFiguresOf(As(role, organisation), of, Organisations));

    [Theory]
    // A clinical lead and an unlimited coordinator drill into their whole HF and its units.
    [InlineData(Role.ClinicalLead, "OUS", "", "OUS", true)]
    [InlineData(Role.ClinicalLead, "OUS", "", "OUS-KIR", true)]
    [InlineData(Role.Coordinator, "OUS", "", "OUS", true)]
    // A coordinator limited to a unit: her unit, never the HF whose figure counts patients she may not see.
    [InlineData(Role.Coordinator, "OUS", "OUS-KIR", "OUS-KIR", true)]
    [InlineData(Role.Coordinator, "OUS", "OUS-KIR", "OUS", false)]
    // Another HF, an RHF, or a role without both figures and person data: never.
    [InlineData(Role.ClinicalLead, "OUS", "", "HB", false)]
    [InlineData(Role.ClinicalLead, "OUS", "", "HSO", false)]
    [InlineData(Role.HospitalSystem, "OUS", "", "OUS", false)]
    [InlineData(Role.RegionalAnalyst, "HSO", "", "OUS", false)]
    [InlineData(Role.NationalAnalyst, "", "", "OUS", false)]
    [InlineData(Role.Administrator, "", "", "OUS", false)]
    public void MaySeePatientsBehindFiguresOf_NeedsFiguresAndEveryPatientTheyCount(Role role, string organisation, string units, string of, bool expected) =>
        Assert.Equal(expected, AccessPolicy.MaySeePatientsBehindFiguresOf(As(role, organisation, units.Length == 0 ? [] : units.Split(',')), of, Organisations));
}
