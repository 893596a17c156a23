using System.Globalization;
using Forlop.Domain.Registry;
using Forlop.Domain.Reporting;
using NodaTime;

namespace Forlop.Domain.Tests.Reporting;

/// <summary>
/// The interchange contract's worked example (events-2016-T3.csv → report-2016-T3.csv) through the domain alone:
/// field checks, linking with a correction, a withdrawal and a transfer, and the indicator.
/// </summary>
public class WorkedExampleTests
{
    private const string Events = """
        r000001,04837200798,AHUS,A12A,2016-09-05,,
        r000002,04837200798,AHUS,A12S,2016-09-10,,
        r000003,04837200798,AHUS,A12CK,2016-10-09,,
        r000004,04837200798,AHUS,A12FK,2016-10-10,,
        r000005,16906601463,SIV,A12A,2016-09-05,,
        r000006,16906601463,SIV,A12S,2016-09-10,,
        r000007,16906601463,SIV,A12CK,2016-10-07,,
        r000008,16906601463,SIV,A12FK,2016-10-11,,
        r000009,30925102160,SUS,A12A,2016-09-20,,
        r000010,30925102160,SUS,A12S,2016-09-28,,
        r000011,30925102160,SUS,A12CK,2016-10-27,,
        r000012,30925102160,SUS,A12FS,2016-10-29,,
        r000013,24846702888,UNN,A12A,2016-07-01,,
        r000014,24846702888,UNN,A12S,2016-07-05,,
        r000015,24846702888,UNN,A12CK,2016-07-29,,
        r000016,24846702888,UNN,A12FM,2016-07-31,,
        r000017,16907803515,SUS,A37A,2016-10-03,,
        r000018,16907803515,SUS,A37O,2016-10-04,,
        r000019,16907803515,UNN,A37A,2016-10-05,,
        r000020,16907803515,UNN,A37S,2016-10-09,,
        r000021,16907803515,UNN,A37CK,2016-11-12,,
        r000022,16907803515,UNN,A37FK,2016-11-12,,
        r000023,07874804384,SUS,A37A,2016-10-03,,
        r000024,07874804384,SUS,A37S,2016-10-11,,
        r000025,07874804384,SUS,A37CK,2016-11-13,,
        r000026,07874804384,SUS,A37FK,2016-11-22,,
        r000027,07874804384,SUS,A37FK,2016-11-13,r000026,
        r000028,10897704930,AHUS,A12A,2016-10-03,,
        r000029,10897704930,AHUS,A12S,2016-10-10,,
        r000030,10897704930,AHUS,A12CK,2016-10-23,,
        r000031,10897704930,AHUS,A12FK,2016-10-23,,
        r000032,10897704930,AHUS,,,r000031,true
        r000033,08856105661,SUS,A12A,2016-10-03,,
        r000034,08856105661,SUS,A12S,2016-10-06,,
        r000035,08856105661,SUS,A12CI,2016-10-12,,
        """;

    private static readonly LocalDate Today = new(2017, 1, 31);

    private static List<PatientRecord> Import()
    {
        var parser = new EventRowParser(TestCatalogue.Instance, TestOrganisations.Directory);
        var patients = new Dictionary<string, PatientRecord>(StringComparer.Ordinal);
        var id = 0L;
        foreach (var line in Events.Split('\n'))
        {
            var c = line.Split(',');
            var parsed = parser.Parse(new EventRowText(c[0], c[1], c[2], c[3], c[4], null, null, c[5], c[6]), Today, out var refusal);
            Assert.True(refusal is null, $"{c[0]}: {refusal}");
            if (!patients.TryGetValue(parsed!.Patient.Value, out var record))
            {
                patients[parsed.Patient.Value] = record = new PatientRecord(TestPatient.Linker, []);
            }
            var applied = record.Apply(parsed.Submission, ++id);
            Assert.True(applied is null, $"{c[0]}: {applied}");
        }
        return [.. patients.Values];
    }

    /// <summary>What the report reads of an episode: a journey that reached a counted start of treatment.</summary>
    private static IEnumerable<CompletedPathway> Completed(IEnumerable<PatientRecord> patients) =>
        from patient in patients
        from episode in patient.Episodes
        where episode.Treatment is { Definition.IsCountedTreatment: true }
        select new CompletedPathway(episode.Pathway.Code, episode.Hf, TestOrganisations.Directory.RhfOf(episode.Hf)!.Code,
            episode.SeniorityDate, episode.Treatment!.Date, episode.Treatment.Definition.Treatment);

    private static string Csv(IndicatorTable table) => string.Join("\n", table.Rows.Append(table.Total)
        .Select(r => string.Join(",", r.Pathway, r.Completed.ToString(CultureInfo.InvariantCulture), r.WithinStandard.ToString(CultureInfo.InvariantCulture), r.SharePercent)));

    [Fact]
    public void Report_2016T3_IsTheWorkedOutTable()
    {
        Assert.True(ReportingPeriod.TryParse("2016-T3", out var period, out _));

        var table = CompletedPathways.Table(Completed(Import()), period, ReportBreakdown.Pathway);

        Assert.Equal("A12,3,2,66.7\nA37,2,2,100.0\nALL,5,4,80.0", Csv(table));
    }

    [Fact]
    public void Import_CorrectionAndWithdrawal_KeepTheirHistory()
    {
        var patients = Import();

        var corrected = patients.Single(p => p.Rows.Any(r => r.RecordId == "r000027"));
        Assert.Equal(5, corrected.Rows.Count);
        Assert.Equal(new LocalDate(2016, 11, 13), corrected.Episodes.Single().Treatment!.Date);
        var withdrawn = patients.Single(p => p.Rows.Any(r => r.RecordId == "r000032"));
        Assert.Equal(5, withdrawn.Rows.Count);
        Assert.Null(withdrawn.Episodes.Single().Treatment);
    }

    [Fact]
    public void Report_2016T3ByRhf_SplitsTheRegions()
    {
        Assert.True(ReportingPeriod.TryParse("2016-T3", out var period, out _));

        var table = CompletedPathways.Table(Completed(Import()), period, ReportBreakdown.Rhf);

        // A12: AHUS (HSO) within, SIV (HSO) over, SUS (HV) within; A37: UNN (HN) within, SUS (HV) within.
        Assert.Equal(
            [("A12", "HSO", 2, 1), ("A12", "HV", 1, 1), ("A37", "HN", 1, 1), ("A37", "HV", 1, 1)],
            table.Rows.Select(r => (r.Pathway, r.Organisation, r.Completed, r.WithinStandard)));
    }
}
