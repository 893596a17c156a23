using Forlop.Domain.PathwayTimes;
using Forlop.Domain.Registry;
using static Forlop.Domain.Tests.RealCatalogue.RealCatalogueData;

namespace Forlop.Domain.Tests.RealCatalogue;

/// <summary>The linking rules of the coding guide (interchange contract, "What an import does"): each rule with a row that breaks it and one that passes.</summary>
public class LinkingOnTheRealCatalogueTests
{
    [Fact]
    public void Start_OpensAnEpisodeAtTheHfOfTheRegisteringUnit()
    {
        var p = new RealPatient().Accept(("r1", "AHUS-KIR", "A12A", "2016-09-01"));

        var episode = Assert.Single(p.Record.Episodes);
        Assert.Equal("AHUS", episode.Hf);
        Assert.Equal(D("2016-09-01"), episode.SeniorityDate);
        Assert.Equal(EpisodeState.AwaitingFirstAttendance, episode.State);
    }

    [Fact]
    public void SecondStart_WhileOpenAtSameHf_IsRefused_ButAtAnotherHfIsAccepted()
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"));

        var sameHf = p.Send("r2", "AHUS", "A12A", "2016-09-10");
        var otherHf = p.Send("r3", "OUS", "A12A", "2016-09-10");

        Assert.Contains("starts a second A12 pathway at AHUS", sameHf!.Message, StringComparison.Ordinal);
        Assert.Null(otherHf);
        Assert.Equal(2, p.Record.Episodes.Count);
    }

    [Fact]
    public void Start_AfterTheEpisodeEnded_OpensANewOne()
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-01-04"), ("r2", "AHUS", "A12CI", "2016-01-20"));

        Assert.Null(p.Send("r3", "AHUS", "A12A", "2016-06-01"));
        Assert.Equal(2, p.Record.Episodes.Count);
    }

    [Fact]
    public void Event_WithoutAnEpisode_IsRefused()
    {
        var refusal = new RealPatient().Send("r1", "AHUS", "A12S", "2016-09-01");

        Assert.Equal("code", refusal!.Column);
        Assert.Contains("no open A12 pathway at AHUS", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2016-08-31", false)] // the day before the start: refused
    [InlineData("2016-09-01", true)]  // the start's own day: equal dates are allowed
    public void FirstAttendance_RelativeToTheStart(string date, bool accepted)
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"));

        var refusal = p.Send("r2", "AHUS", "A12S", date);

        Assert.Equal(accepted, refusal is null);
        if (!accepted)
        {
            Assert.Contains("before the start of its pathway", refusal!.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("2016-09-20", false)] // first attendance a day after the decision: refused
    [InlineData("2016-09-19", true)]  // same day as the decision: allowed
    public void Order_FirstAttendanceNotAfterDecision(string attendance, bool accepted)
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"), ("r2", "AHUS", "A12CK", "2016-09-19"));

        var refusal = p.Send("r3", "AHUS", "A12S", attendance);

        Assert.Equal(accepted, refusal is null);
    }

    [Theory]
    [InlineData("A12CA")] // another disease: the pathway ended
    [InlineData("A12CI")] // no disease found
    [InlineData("A12CM")] // another cancer: moves to another pathway
    public void Treatment_AfterADecisionThatEndsThePathway_IsRefused(string decision)
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"), ("r2", "AHUS", decision, "2016-09-10"));

        var refusal = p.Send("r3", "AHUS", "A12FK", "2016-09-20");

        Assert.Contains($"cannot follow the decision {decision}", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Treatment_AfterCK_IsAccepted_AndEndsTheEpisode()
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"), ("r2", "AHUS", "A12CK", "2016-09-10"), ("r3", "AHUS", "A12FK", "2016-09-20"));

        Assert.Equal(EpisodeState.TreatmentStarted, p.Record.Episodes[0].State);
        Assert.False(p.Record.Episodes[0].IsOpen);
    }

    [Fact]
    public void SecondTreatment_IsRefused()
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"), ("r2", "AHUS", "A12FK", "2016-09-20"));

        var refusal = p.Send("r3", "AHUS", "A12FS", "2016-09-25");

        Assert.Contains("already has a start of treatment A12FK", refusal!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A12X")] // stopped
    [InlineData("A12O")] // transferred
    public void Event_AfterStopOrTransfer_IsRefused(string ending)
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"), ("r2", "AHUS", ending, "2016-09-05"));

        var refusal = p.Send("r3", "AHUS", "A12S", "2016-09-06");

        Assert.Contains($"ended with {ending}", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecondFirstAttendance_IsRefused_AskingForACorrection()
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"), ("r2", "AHUS", "A12S", "2016-09-05"));

        var refusal = p.Send("r3", "AHUS", "A12S", "2016-09-06");

        Assert.Contains("send a correction that replaces it", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Correction_ReplacesTheCurrentVersion_KeepsHistoryAndEpisodeId()
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"), ("r2", "AHUS", "A12S", "2016-09-05"));
        var episodeId = p.Record.Episodes[0].Id;

        Assert.Null(p.Send("r3", "AHUS", "A12S", "2016-09-07", replaces: "r2"));

        Assert.Equal(3, p.Record.Rows.Count);
        Assert.Equal(D("2016-09-07"), p.Record.Episodes[0].FirstAttendance!.Date);
        Assert.DoesNotContain(p.Record.ActiveEvents, e => e.RecordId == "r2");
        Assert.Equal(episodeId, p.Record.Episodes[0].Id);
    }

    [Fact]
    public void CorrectionOfTheStart_KeepsTheEpisodeId()
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"));
        var episodeId = p.Record.Episodes[0].Id;

        Assert.Null(p.Send("r2", "AHUS", "A12A", "2016-08-30", replaces: "r1"));

        Assert.Equal(episodeId, p.Record.Episodes[0].Id);
        Assert.Equal(D("2016-08-30"), p.Record.Episodes[0].StartDate);
    }

    [Fact]
    public void Correction_ThatBreaksTheOrder_IsRefusedAndChangesNothing()
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"), ("r2", "AHUS", "A12S", "2016-09-05"), ("r3", "AHUS", "A12CK", "2016-09-10"));

        var refusal = p.Send("r4", "AHUS", "A12S", "2016-09-12", replaces: "r2");

        Assert.NotNull(refusal);
        Assert.Equal(3, p.Record.Rows.Count);
        Assert.Equal(D("2016-09-05"), p.Record.Episodes[0].FirstAttendance!.Date);
    }

    [Fact]
    public void Correction_OfARecordAlreadyCorrected_IsRefused()
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"), ("r2", "AHUS", "A12S", "2016-09-05"));
        Assert.Null(p.Send("r3", "AHUS", "A12S", "2016-09-06", replaces: "r2"));

        var refusal = p.Send("r4", "AHUS", "A12S", "2016-09-07", replaces: "r2");

        Assert.Contains("already been corrected by record r3", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Correction_ToAnotherPathway_IsRefused()
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"), ("r2", "AHUS", "A12S", "2016-09-05"));

        var refusal = p.Send("r3", "AHUS", "A37S", "2016-09-05", replaces: "r2");

        Assert.Contains("cannot move record r2", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Withdrawal_RemovesTheEventButKeepsTheHistory()
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"), ("r2", "AHUS", "A12FK", "2016-09-20"));

        Assert.Null(p.Send("r3", "AHUS", null, null, replaces: "r2", cancel: true));

        Assert.Equal(3, p.Record.Rows.Count);
        Assert.True(p.Record.Episodes[0].IsOpen);
        // The episode is open again, so a new treatment start is accepted.
        Assert.Null(p.Send("r4", "AHUS", "A12FM", "2016-09-21"));
    }

    [Fact]
    public void Withdrawal_OfAStartThatStillHasEvents_IsRefused()
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"), ("r2", "AHUS", "A12S", "2016-09-05"));

        var refusal = p.Send("r3", "AHUS", null, null, replaces: "r1", cancel: true);

        Assert.Contains("withdrawing record r1 would break record r2", refusal!.Message, StringComparison.Ordinal);
        Assert.Equal(2, p.Record.ActiveEvents.Count);
    }

    [Fact]
    public void Transfer_StartAtAnotherHf_ContinuesTheJourneyFromTheFirstStart()
    {
        var p = new RealPatient().Accept(
            ("r1", "SUS", "A37A", "2016-10-03"), ("r2", "SUS", "A37O", "2016-10-04"),
            ("r3", "UNN", "A37A", "2016-10-05"), ("r4", "UNN", "A37FK", "2016-11-12"));

        var receiving = p.Record.Episodes.Single(e => e.Hf == "UNN");
        Assert.Equal(D("2016-10-03"), receiving.SeniorityDate);
        Assert.Equal(D("2016-10-05"), receiving.StartDate);
        Assert.Equal("SUS", receiving.TransferredFrom!.Hf);
        Assert.Equal(EpisodeState.Transferred, receiving.TransferredFrom.State);
    }

    [Fact]
    public void Start_AtAnotherHfWithoutTransfer_HasItsOwnSeniority()
    {
        var p = new RealPatient().Accept(("r1", "SUS", "A37A", "2016-10-03"), ("r2", "UNN", "A37A", "2016-10-05"));

        Assert.Equal(D("2016-10-05"), p.Record.Episodes.Single(e => e.Hf == "UNN").SeniorityDate);
    }

    [Fact]
    public void MissingIntermediatePoints_AreAccepted_AndListedAsFindings()
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"), ("r2", "AHUS", "A12FK", "2016-09-20"));

        var findings = DataQuality.Findings(p.Record.Episodes[0]).Select(f => f.Kind).ToList();

        Assert.Contains("missing-decision", findings);
        Assert.Contains("missing-first-attendance", findings);
    }

    [Fact]
    public void EventsArrivingOutOfDateOrder_GiveTheSameEpisodesAsInOrder()
    {
        var inOrder = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"), ("r2", "AHUS", "A12S", "2016-09-05"), ("r3", "AHUS", "A12CK", "2016-09-10"));
        var shuffled = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"), ("r3", "AHUS", "A12CK", "2016-09-10"), ("r2", "AHUS", "A12S", "2016-09-05"));

        Assert.Equal(inOrder.Record.Episodes[0].FirstAttendance!.Date, shuffled.Record.Episodes[0].FirstAttendance!.Date);
        Assert.Equal(inOrder.Record.Episodes[0].State, shuffled.Record.Episodes[0].State);
    }

    [Fact]
    public void Stroke_ASecondStrokeAtTheSameHf_ClosesTheFirstEpisode()
    {
        // The stroke pathway has no code that ends an episode: the next stroke's start closes the one before.
        var p = new RealPatient();
        Assert.Null(p.Send("s1", "STO", "HSMP1", "2024-03-01", time: "08:00"));
        Assert.Null(p.Send("s2", "STO", "HSMP3", "2024-03-01", time: "09:00"));

        Assert.Null(p.Send("s3", "STO", "HSMP1", "2025-06-01", time: "10:00"));

        Assert.Equal(2, p.Record.Episodes.Count);
        Assert.False(p.Record.Episodes[0].IsOpen);
        Assert.Equal(EpisodeState.Ended, p.Record.Episodes[0].State);
        Assert.True(p.Record.Episodes[1].IsOpen);
    }

    [Fact]
    public void Cancer_ASecondStartAtTheSameHf_IsStillRefusedWhileOpen()
    {
        // Cancer pathways have ending codes, so the implicit close above does not apply to them.
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"));

        Assert.NotNull(p.Send("r2", "AHUS", "A12A", "2017-09-01"));
    }
}
