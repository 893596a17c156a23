using Forlop.Domain.Codes;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.Registry;
using NodaTime;

namespace Forlop.Domain.Tests.RealCatalogue;

/// <summary>The real catalogue and organisations of the repository, read once for all domain tests.</summary>
public static class RealCatalogueData
{
    private static readonly Lazy<(PathwayCatalogue, OrganisationDirectory)> Loaded = new(() =>
    {
        var folder = CatalogueFolder();
        var files = Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(folder, f), File.ReadAllText(f)));
        return (PathwayCatalogue.FromFiles(files), new OrganisationDirectory(
            OrganisationDirectory.ParseTsv(File.ReadAllText(Path.Combine(folder, "organisations.tsv")))
                .Append(new Organisation(OrganisationCode.Parse("AHUS-KIR"), OrganisationKind.Unit, OrganisationCode.Parse("AHUS"), "Kirurgisk klinikk"))));
    });

    public static PathwayCatalogue Real => Loaded.Value.Item1;
    public static OrganisationDirectory Organisations => Loaded.Value.Item2;
    public static EpisodeLinker Linker => new(Real, Organisations);

    public static string CatalogueFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Forlop.slnx")))
            {
                return Path.Combine(dir.FullName, "catalog");
            }
        }
        throw new DirectoryNotFoundException("the repository's catalog folder was not found");
    }

    public static LocalDate D(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;

    /// <summary>A submission of an event (or, with <paramref name="cancel"/>, a withdrawal) as a hospital sends it.</summary>
    public static EventSubmission Row(string record, string organisation, string? code, string? date, string? replaces = null, bool cancel = false, string? time = null, string? outcome = null) =>
        new(organisation, record, code, date is null ? null : D(date), time is null ? null : NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(time).Value, outcome, replaces, cancel);
}

/// <summary>One patient's record with an id counter, so a test reads as the rows it sends.</summary>
public sealed class RealPatient
{
    private long _nextId = 1;

    public PatientRecord Record { get; } = new(RealCatalogueData.Linker, []);

    public Refusal? Send(string record, string organisation, string? code, string? date, string? replaces = null, bool cancel = false, string? time = null, string? outcome = null) =>
        Record.Apply(RealCatalogueData.Row(record, organisation, code, date, replaces, cancel, time, outcome), _nextId++);

    /// <summary>Sends rows that must all be accepted.</summary>
    public RealPatient Accept(params (string Record, string Organisation, string? Code, string? Date)[] rows)
    {
        foreach (var (record, organisation, code, date) in rows)
        {
            var refusal = Send(record, organisation, code, date);
            Assert.True(refusal is null, $"{record} was refused: {refusal}");
        }
        return this;
    }
}
