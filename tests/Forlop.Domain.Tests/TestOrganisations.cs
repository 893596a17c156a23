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
        new("HSO", OrganisationKind.Rhf, null, "Helse Sør-Øst RHF"),
        new("HV", OrganisationKind.Rhf, null, "Helse Vest RHF"),
        new("HN", OrganisationKind.Rhf, null, "Helse Nord RHF"),
        new("AHUS", OrganisationKind.Hf, "HSO", "Akershus universitetssykehus HF"),
        new("SIV", OrganisationKind.Hf, "HSO", "Sykehuset i Vestfold HF"),
        new("OUS", OrganisationKind.Hf, "HSO", "Oslo universitetssykehus HF"),
        new("SUS", OrganisationKind.Hf, "HV", "Helse Stavanger HF"),
        new("UNN", OrganisationKind.Hf, "HN", "Universitetssykehuset Nord-Norge HF"),
        new("LDS", OrganisationKind.Ideell, "HSO", "Lovisenberg Diakonale Sykehus"),
        new("AHUS-KIR", OrganisationKind.Unit, "AHUS", "Akershus universitetssykehus, kirurgisk klinikk"),
    ]);
}
