using Forlop.Domain.Codes;
using Forlop.Domain.Organisations;

namespace Forlop.Domain.Tests;

/// <summary>
/// A few organisations with their real parents: three RHFs, HFs in two of them and in a third, an ideell hospital
/// and a unit under an HF (an installation's own code).
/// </summary>
internal static class TestOrganisations
{
    public static OrganisationDirectory Directory { get; } = new(
    [
        new(OrganisationCode.Parse("HSO"), OrganisationKind.Rhf, null, "Helse Sør-Øst RHF"),
        new(OrganisationCode.Parse("HV"), OrganisationKind.Rhf, null, "Helse Vest RHF"),
        new(OrganisationCode.Parse("HN"), OrganisationKind.Rhf, null, "Helse Nord RHF"),
        new(OrganisationCode.Parse("AHUS"), OrganisationKind.Hf, OrganisationCode.Parse("HSO"), "Akershus universitetssykehus HF"),
        new(OrganisationCode.Parse("SIV"), OrganisationKind.Hf, OrganisationCode.Parse("HSO"), "Sykehuset i Vestfold HF"),
        new(OrganisationCode.Parse("OUS"), OrganisationKind.Hf, OrganisationCode.Parse("HSO"), "Oslo universitetssykehus HF"),
        new(OrganisationCode.Parse("SUS"), OrganisationKind.Hf, OrganisationCode.Parse("HV"), "Helse Stavanger HF"),
        new(OrganisationCode.Parse("UNN"), OrganisationKind.Hf, OrganisationCode.Parse("HN"), "Universitetssykehuset Nord-Norge HF"),
        new(OrganisationCode.Parse("LDS"), OrganisationKind.Ideell, OrganisationCode.Parse("HSO"), "Lovisenberg Diakonale Sykehus"),
        new(OrganisationCode.Parse("AHUS-KIR"), OrganisationKind.Unit, OrganisationCode.Parse("AHUS"), "Akershus universitetssykehus, kirurgisk klinikk"),
    ]);
}
