using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Registry;
using Forlop.Domain.Reporting;
using NodaTime;
using NodaTime.Text;

namespace Forlop.Domain.Tests.Indicators;

/// <summary>
/// The test catalogue with a home pathway added (HJ: start, needs assessment in hospital, interval BK1), indicator
/// definitions written as files over it, and small builders of the facts the application reads from its tables.
/// </summary>
internal static class IndicatorFacts
{
    public static PathwayCatalogue Pathways { get; } = PathwayCatalogue.FromFiles(TestCatalogue.Files().Append(("test/HJ.yaml", TestCatalogue.Lines(
        "code: HJ",
        "family: home",
        "name: { nb: \"Hjem\", en: \"Home\" }",
        "valid_from: 2022-01-01",
        "valid_to: null",
        "verified: true",
        "source: \"test catalogue\"",
        "events:",
        TestCatalogue.Event("HJA", "start"),
        TestCatalogue.Event("HJK1", "needs-assessment"),
        "intervals:",
        TestCatalogue.Interval("BK1", "start", "HJK1")))));

    public static IndicatorDefinition Definition(string yaml) => IndicatorFileParser.Parse("catalog/indicators/test.yaml", yaml, Pathways);

    /// <summary>A definition file with the keys every indicator needs and the given ones.</summary>
    public static string File(string id, params string[] keys) => string.Join("\n",
    [
        $"id: {id}",
        $"name: {{ nb: \"{id}\", en: \"{id}\" }}",
        "counts: { nb: \"det som telles\", en: \"what is counted\" }",
        .. keys,
        "verified: true",
        "source: \"test\"",
    ]);

    public static IndicatorDefinition CompletedWithinStandard { get; } = Definition(File("completed-within-standard",
        "kind: share-within-standard", "families: [cancer]", "intervals: [OF4]", "treatments: [surgery, drug, radiotherapy]",
        "targets: [ { valid_from: 2015-01-01, percent: 70, verified: true, source: \"test\" } ]"));

    public static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).GetValueOrThrow();

    public static ReportingPeriod Period(string text)
    {
        Assert.True(ReportingPeriod.TryParse(text, out var period, out var error), error);
        return period;
    }

    /// <summary>Where an organisation sits: the unit that registered, its HF and its RHF, as the import stores them.</summary>
    public static (string Unit, string Hf, string Rhf) At(string organisation)
    {
        var hf = TestOrganisations.Directory.HfOf(organisation)!.Code;
        return (organisation, hf, TestOrganisations.Directory.RhfOf(hf)!.Code);
    }

    /// <summary>A reached interval of an episode at an organisation; <paramref name="seniority"/> defaults to the interval's start.</summary>
    public static IntervalFacts Interval(long episode, string pathway, string organisation, string interval, string to, long length,
        TreatmentType treatment = TreatmentType.None, string? seniority = null)
    {
        var (unit, hf, rhf) = At(organisation);
        var toDate = D(to);
        return new IntervalFacts(episode, pathway, unit, hf, rhf, interval, toDate, length, seniority is null ? toDate.PlusDays(-(int)Math.Min(length, 10_000)) : D(seniority), treatment);
    }

    public static EpisodeFacts Episode(long id, string pathway, string organisation, string start, EpisodeState state = EpisodeState.AwaitingFirstAttendance,
        string? end = null, TreatmentType treatment = TreatmentType.None, DecisionKind decision = DecisionKind.None, string? decided = null,
        bool continuesTransfer = false)
    {
        var (unit, hf, rhf) = At(organisation);
        var endDate = end is null ? (LocalDate?)null : D(end);
        return new EpisodeFacts(id, pathway, unit, hf, rhf, D(start), D(start), continuesTransfer, state, endDate,
            treatment, treatment == TreatmentType.None ? null : endDate, decision, decided is null ? null : D(decided));
    }

    public static IndicatorCube Compute(IndicatorDefinition definition, string period, IEnumerable<EpisodeFacts>? episodes = null,
        IEnumerable<IntervalFacts>? intervals = null, IEnumerable<NewCancerCases>? newCases = null) =>
        IndicatorComputation.Compute(definition, new IndicatorInputs([.. episodes ?? []], [.. intervals ?? []], [.. newCases ?? []]),
            Pathways, TestOrganisations.Directory, Period(period));

    /// <summary>The figure of a pathway (or ALL) at an organisation of a level (null: the nation), or null when there is none.</summary>
    public static IndicatorFigure? Figure(IndicatorCube cube, string pathway, OrganisationLevel level, string? organisation = null, string? interval = null, string? treatment = null) =>
        cube.Figures.SingleOrDefault(f => f.Pathway == pathway && f.Level == level && f.Organisation == organisation && f.Interval == interval && f.Treatment == treatment);

    /// <summary>"count/numerator" of a figure ("-" for an unknown cell), or "none".</summary>
    public static string Cells(IndicatorCube cube, string pathway, OrganisationLevel level, string? organisation = null, string? interval = null, string? treatment = null) =>
        Figure(cube, pathway, level, organisation, interval, treatment) is { } f
            ? $"{f.Count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}/{f.Numerator?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"
            : "none";
}
