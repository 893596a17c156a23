using Forlop.Domain.PathwayTimes;

namespace Forlop.Domain.Tests.PathwayTimes;

public class DataQualityTests
{
    private static string[] Kinds(TestPatient patient, string hf = "AHUS")
    {
        var findings = DataQuality.Findings(patient.Episode(hf)).ToList();
        Assert.All(findings, f => NorwegianText.AssertWritten(f.Description));
        return findings.Select(f => f.Kind).ToArray();
    }

    [Fact]
    public void Findings_CompleteEpisode_HasNone()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12S", "2016-09-10")
            .Has("r3", "AHUS", "A12CK", "2016-09-20")
            .Has("r4", "AHUS", "A12FK", "2016-10-01");

        Assert.Empty(Kinds(patient));
    }

    [Fact]
    public void Findings_DecisionWithoutFirstAttendance_IsListed()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12CI", "2016-09-20");

        var finding = Assert.Single(DataQuality.Findings(patient.Episode("AHUS")));
        Assert.Equal("missing-first-attendance", finding.Kind);
        Assert.Equal(patient.Episode("AHUS").Id, finding.EpisodeId);
        Assert.Contains("A12CI dated 2016-09-20", finding.Message, StringComparison.Ordinal);
        Assert.Equal("Det er ikke registrert noe første fremmøte før A12CI datert 20.09.2016.", finding.Description.Nb);
    }

    [Fact]
    public void Findings_TreatmentWithoutDecision_IsListed()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12S", "2016-09-10")
            .Has("r3", "AHUS", "A12FK", "2016-10-01");

        Assert.Equal(["missing-decision"], Kinds(patient));
    }

    [Fact]
    public void Findings_TreatmentWithoutDecision_IsDescribedInNorwegian()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12S", "2016-09-10")
            .Has("r3", "AHUS", "A12FK", "2016-10-01");

        var finding = Assert.Single(DataQuality.Findings(patient.Episode("AHUS")));
        Assert.Equal("A12FK dated 2016-10-01 has no clinical decision before it", finding.Message);
        Assert.Equal("Det er ikke registrert noen klinisk beslutning før A12FK datert 01.10.2016.", finding.Description.Nb);
    }

    [Fact]
    public void Findings_TreatmentRightAfterTheStart_ListsBothMissingPoints()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12FK", "2016-10-01");

        Assert.Equal(["missing-decision", "missing-first-attendance"], Kinds(patient).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Findings_TreatmentWithDecisionButNoFirstAttendance_ListsTheAttendanceOnce()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12CK", "2016-09-20")
            .Has("r3", "AHUS", "A12FK", "2016-10-01");

        Assert.Equal(["missing-first-attendance"], Kinds(patient));
    }

    [Fact]
    public void Findings_FirstAttendanceAtTheSendingHf_CountsForTheJourney()
    {
        var patient = new TestPatient()
            .Has("r1", "SUS", "A37A", "2016-10-03")
            .Has("r2", "SUS", "A37S", "2016-10-04")
            .Has("r3", "SUS", "A37O", "2016-10-05")
            .Has("r4", "UNN", "A37A", "2016-10-06")
            .Has("r5", "UNN", "A37CK", "2016-10-20");

        Assert.Empty(Kinds(patient, "UNN"));
    }

    [Fact]
    public void Findings_OpenEpisodeWithOnlyAStart_HasNone()
    {
        var patient = new TestPatient().Has("r1", "AHUS", "A12A", "2016-09-05");

        Assert.Empty(Kinds(patient));
    }

    [Fact]
    public void Findings_MentalHealthEpisode_AreNotCancerRules()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "D01A", "2019-03-01", outcome: "D01U1")
            .Has("r2", "AHUS", "D01C", "2019-03-20", outcome: "D01U1");

        Assert.Empty(Kinds(patient));
    }
}
