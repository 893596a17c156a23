using Forlop.Domain.Catalogue;

namespace Forlop.Domain.Tests;

/// <summary>
/// A small catalogue for the domain tests, written as pathway files and read by <see cref="PathwayFileParser"/>:
/// A12 and A37 with the verified standard times of the worked example, a breast-cancer-like A01 whose standard
/// changes on 2021-05-01, A32 withdrawn after 2021-04-30, the mental-health pathway D01 with outcomes and
/// evaluations, and the stroke pathway HS measured in minutes.
/// </summary>
internal static class TestCatalogue
{
    public static PathwayCatalogue Instance { get; } = PathwayCatalogue.FromFiles(Files());

    public static IEnumerable<(string FileName, string Text)> Files() =>
    [
        ("test/A12.yaml", Cancer("A12", "2015-01-01", null,
            Interval("OF1", "start", "first-attendance", Standard("2015-01-01", 9)),
            Interval("OF2", "first-attendance", "decision", Standard("2015-01-01", 12)),
            Interval("OF3", "decision", "treatment",
                Standard("2015-01-01", 14, "surgery"), Standard("2015-01-01", 14, "drug"), Standard("2015-01-01", 18, "radiotherapy")),
            Interval("OF4", "start", "treatment",
                Standard("2015-01-01", 35, "surgery"), Standard("2015-01-01", 35, "drug"), Standard("2015-01-01", 39, "radiotherapy")))),
        ("test/A37.yaml", Cancer("A37", "2015-01-01", null,
            Interval("OF1", "start", "first-attendance", Standard("2015-01-01", 10)),
            Interval("OF2", "first-attendance", "decision", Standard("2015-01-01", 10)),
            Interval("OF3", "decision", "treatment", Standard("2015-01-01", 21, "surgery")),
            Interval("OF4", "start", "treatment", Standard("2015-01-01", 41, "surgery")))),
        ("test/A01.yaml", Cancer("A01", "2015-01-01", null,
            Interval("OF2", "first-attendance", "decision", Standard("2015-01-01", 7), Standard("2021-05-01", 12)),
            Interval("OF4", "start", "treatment",
                Standard("2015-01-01", 27, "surgery"), Standard("2015-01-01", 24, "drug"),
                Standard("2021-05-01", 32, "surgery"), Standard("2021-05-01", 29, "drug")))),
        ("test/A32.yaml", Cancer("A32", "2015-09-01", "2021-04-30",
            Interval("OF4", "start", "treatment", Standard("2015-09-01", 8, "drug")))),
        ("test/D01.yaml", MentalHealth),
        ("test/HS.yaml", Stroke),
    ];

    /// <summary>A cancer pathway with every event letter of the coding guide.</summary>
    public static string Cancer(string code, string validFrom, string? validTo, params string[] intervals) => Lines(
        $"code: {code}",
        "family: cancer",
        $"name: {{ nb: \"Testforløp {code}\", en: \"Test pathway {code}\" }}",
        "unit: days",
        $"valid_from: {validFrom}",
        $"valid_to: {validTo ?? "null"}",
        "verified: true",
        "source: \"test catalogue\"",
        "events:",
        Event($"{code}A", "start"),
        Event($"{code}S", "first-attendance"),
        Event($"{code}CK", "decision", "decision: cancer-treatment"),
        Event($"{code}CM", "decision", "decision: other-cancer"),
        Event($"{code}CA", "decision", "decision: other-disease"),
        Event($"{code}CI", "decision", "decision: no-disease"),
        Event($"{code}FK", "treatment", "treatment: surgery"),
        Event($"{code}FM", "treatment", "treatment: drug"),
        Event($"{code}FS", "treatment", "treatment: radiotherapy"),
        Event($"{code}FL", "treatment", "treatment: symptom-relief"),
        Event($"{code}FO", "treatment", "treatment: surveillance"),
        Event($"{code}FI", "treatment", "treatment: no-treatment"),
        Event($"{code}O", "transfer"),
        Event($"{code}X", "stop"),
        "intervals:",
        Lines(intervals));

    private static string MentalHealth => Lines(
        "code: D01",
        "family: mental-health",
        "name: { nb: \"Rusbehandling\", en: \"Substance use treatment\" }",
        "valid_from: 2019-01-01",
        "valid_to: null",
        "verified: true",
        "source: \"test catalogue\"",
        "events:",
        Event("D01A", "start"),
        Event("D01S", "first-attendance"),
        Event("D01C", "decision", "decision: assessed"),
        Event("D01E", "evaluation"),
        Event("D01X", "end"),
        "outcomes:",
        "  - { code: D01U1, name: { nb: \"Videre behandling\", en: \"Further treatment\" }, verified: false, source: \"unverified: test\" }",
        "  - { code: D01U2, name: { nb: \"Ikke behov\", en: \"No further treatment\" }, verified: false, source: \"unverified: test\" }",
        "  - { code: D01U3, name: { nb: \"Behandling fortsetter\", en: \"Treatment continues\" }, verified: false, source: \"unverified: test\" }",
        "intervals:",
        Interval("OF2", "first-attendance", "decision", Standard("2019-01-01", 21, setting: "outpatient"), Standard("2019-01-01", 7, setting: "inpatient")),
        Interval("EV1", "decision", "evaluation", Standard("2019-01-01", 7)),
        Interval("EV2", "evaluation", "evaluation", Standard("2019-01-01", 56)));

    private static string Stroke => Lines(
        "code: HS",
        "family: stroke",
        "name: { nb: \"Hjerneslag\", en: \"Stroke\" }",
        "unit: minutes",
        "valid_from: 2018-02-01",
        "valid_to: null",
        "verified: true",
        "source: \"test catalogue\"",
        "events:",
        Event("HSMP1", "start", "stage: 1"),
        Event("HSMP3", "measurement", "stage: 5"),
        Event("HSMP5", "measurement", "stage: 7"),
        "intervals:",
        Interval("DTN", "HSMP3", "HSMP5", Standard("2018-02-01", 40), Standard("2025-01-01", 30)),
        Interval("OTN", "HSMP1", "HSMP5"));

    public static string Event(string code, string kind, string? extra = null) =>
        $"  - {{ code: {code}, kind: {kind}, name: {{ nb: \"{code}\", en: \"{code}\" }}, {(extra is null ? "" : extra + ", ")}verified: true, source: \"test\" }}";

    public static string Interval(string id, string from, string to, params string[] standards) =>
        $"  - {{ id: {id}, name: {{ nb: \"{id}\", en: \"{id}\" }}, from: {from}, to: {to}, standards: [ {string.Join(", ", standards)} ] }}";

    public static string Standard(string validFrom, int limit, string? treatment = null, string? setting = null) =>
        $"{{ valid_from: {validFrom}, limit: {limit}, {(treatment is null ? "" : $"treatment: {treatment}, ")}{(setting is null ? "" : $"setting: {setting}, ")}verified: true, source: \"test\" }}";

    public static string Lines(params string[] lines) => string.Join("\n", lines);
}
