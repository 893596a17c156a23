using Forlop.Domain.Catalogue;
using Forlop.Domain.PathwayTimes;
using Forlop.Domain.Registry;
using NodaTime;

namespace Forlop.Domain.Tests.Registry;

/// <summary>The linking rules of the interchange contract, applied one submission at a time as an import does.</summary>
public class EpisodeLinkerTests
{
    private static Refusal Refused(TestPatient patient, string recordId, string organisation, string code, string date, string column, string? time = null)
    {
        var before = patient.Snapshot();
        var refusal = patient.Send(recordId, organisation, code, date, time);
        Assert.NotNull(refusal);
        Assert.Equal(column, refusal.Column);
        Assert.Equal(before, patient.Snapshot()); // a refused row changes nothing
        NorwegianText.AssertWritten(refusal);
        return refusal;
    }

    [Fact]
    public void Start_OpensAnEpisodeAtTheHf()
    {
        var patient = new TestPatient().Has("r1", "AHUS", "A12A", "2016-09-05");

        var episode = Assert.Single(patient.Episodes);
        Assert.Equal("A12", episode.Pathway.Code);
        Assert.Equal("AHUS", episode.Hf);
        Assert.Equal(new LocalDate(2016, 9, 5), episode.StartDate);
        Assert.Equal(episode.StartDate, episode.SeniorityDate);
        Assert.True(episode.IsOpen);
        Assert.Equal(EpisodeState.AwaitingFirstAttendance, episode.State);
        Assert.Equal(1, episode.Id);
    }

    [Fact]
    public void Start_AtAUnit_BelongsToTheUnitsHf()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS-KIR", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12S", "2016-09-10");

        var episode = Assert.Single(patient.Episodes);
        Assert.Equal("AHUS", episode.Hf);
        Assert.Equal(2, episode.Events.Count);
        Assert.Equal("AHUS-KIR", episode.Start.Event.Organisation);
    }

    [Fact]
    public void Start_AtAnIdeellHospital_OpensItsOwnEpisode()
    {
        var patient = new TestPatient().Has("r1", "LDS", "A12A", "2016-09-05");

        Assert.Equal("LDS", Assert.Single(patient.Episodes).Hf);
    }

    [Fact]
    public void SecondStart_WhileOpenAtTheSameHf_IsRefused()
    {
        var patient = new TestPatient().Has("r1", "AHUS", "A12A", "2016-09-05");

        var refusal = Refused(patient, "r2", "AHUS", "A12A", "2016-09-20", "code");

        Assert.Contains("second A12 pathway at AHUS while the one started 2016-09-05 is still open", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecondStart_FromAUnitOfTheSameHf_IsRefused()
    {
        var patient = new TestPatient().Has("r1", "AHUS", "A12A", "2016-09-05");

        Refused(patient, "r2", "AHUS-KIR", "A12A", "2016-09-20", "code");
    }

    [Fact]
    public void SecondStart_AtAnotherHf_OpensASecondEpisode()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "SIV", "A12A", "2016-09-20");

        Assert.Equal(2, patient.Episodes.Count);
        // Without a transfer each HF counts from its own start.
        Assert.Equal(new LocalDate(2016, 9, 20), patient.Episode("SIV").SeniorityDate);
        Assert.Null(patient.Episode("SIV").TransferredFrom);
    }

    [Fact]
    public void SecondStart_InAnotherPathwayAtTheSameHf_OpensASecondEpisode()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A37A", "2016-09-06");

        Assert.Equal(["A12", "A37"], patient.Episodes.Select(e => e.Pathway.Code.Value));
    }

    [Theory]
    [InlineData("A12FK")]                    // ended by a start of treatment
    [InlineData("A12CI")]                    // ended by a decision: no disease
    [InlineData("A12X")]                     // stopped
    public void SecondStart_AfterTheFirstEnded_OpensANewEpisode(string ending)
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", ending, "2016-10-01")
            .Has("r3", "AHUS", "A12A", "2017-03-01");

        Assert.Equal(2, patient.Episodes.Count);
        Assert.False(patient.Episodes[0].IsOpen);
        Assert.True(patient.Episodes[1].IsOpen);
    }

    [Theory]
    [InlineData("A12S")]                     // a first attendance
    [InlineData("A12CK")]                    // a decision
    [InlineData("A12FK")]                    // a treatment
    [InlineData("A12X")]                     // a stop
    public void Event_WithoutAnEpisode_IsRefused(string code)
    {
        var refusal = Refused(new TestPatient(), "r1", "AHUS", code, "2016-09-10", "code");

        Assert.Contains("no open A12 pathway at AHUS on 2016-09-10; register its start first", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_AtAnotherHfThanTheEpisode_IsRefused()
    {
        var patient = new TestPatient().Has("r1", "AHUS", "A12A", "2016-09-05");

        Refused(patient, "r2", "SIV", "A12S", "2016-09-10", "code");
    }

    [Fact]
    public void Event_InAnotherPathwayThanTheEpisode_IsRefused()
    {
        var patient = new TestPatient().Has("r1", "AHUS", "A12A", "2016-09-05");

        Refused(patient, "r2", "AHUS", "A37S", "2016-09-10", "code");
    }

    [Fact]
    public void Event_DatedBeforeTheEpisodesStart_IsRefused()
    {
        var patient = new TestPatient().Has("r1", "AHUS", "A12A", "2016-09-05");

        var refusal = Refused(patient, "r2", "AHUS", "A12S", "2016-09-04", "date");

        Assert.Contains("A12S dated 2016-09-04 is before the start of its pathway (A12A dated 2016-09-05)", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A12CA", "code", "cannot follow the decision A12CA")]  // disease other than cancer ends the pathway
    [InlineData("A12CI", "code", "cannot follow the decision A12CI")]  // no disease found
    [InlineData("A12CM", "code", "cannot follow the decision A12CM")]  // another cancer: a new pathway, not this one
    [InlineData("A12X", "date", "ended with A12X on 2016-09-20")]      // stopped
    [InlineData("A12O", "date", "ended with A12O on 2016-09-20")]      // transferred to another HF
    [InlineData("A12FK", "date", "ended with A12FK on 2016-09-20")]    // treatment started
    [InlineData("A12FI", "date", "ended with A12FI on 2016-09-20")]    // no treatment is a start of treatment too
    public void Event_AfterTheEpisodeEnded_IsRefused(string ending, string column, string reason)
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", ending, "2016-09-20");

        var refusal = Refused(patient, "r3", "AHUS", "A12S", "2016-09-21", column);

        Assert.Contains(reason, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A12CA")]                    // disease other than cancer
    [InlineData("A12CI")]                    // no disease
    public void Treatment_AfterADecisionThatEndedThePathway_IsRefused(string decision)
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12S", "2016-09-10")
            .Has("r3", "AHUS", decision, "2016-09-20");

        var refusal = Refused(patient, "r4", "AHUS", "A12FK", "2016-10-01", "code");

        Assert.Contains($"cannot follow the decision {decision}", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A12FK", "2016-10-01")]      // the same treatment again
    [InlineData("A12FS", "2016-10-20")]      // a second treatment type later
    [InlineData("A12FM", "2016-10-01")]      // another type the same day
    public void Treatment_Second_IsRefused(string second, string date)
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12CK", "2016-09-20")
            .Has("r3", "AHUS", "A12FK", "2016-10-01");

        var refusal = Refused(patient, "r4", "AHUS", second, date, "code");

        Assert.Contains("already has a start of treatment A12FK dated 2016-10-01", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decision_Second_IsRefusedAndPointsToACorrection()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12CK", "2016-09-20");

        var refusal = Refused(patient, "r3", "AHUS", "A12CK", "2016-09-25", "code");

        Assert.Contains("send a correction", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecondStart_WhileOpen_IsExplainedInNorwegian()
    {
        var patient = new TestPatient().Has("r1", "AHUS", "A12A", "2016-09-05");

        var refusal = Refused(patient, "r2", "AHUS", "A12A", "2016-09-20", "code");

        Assert.Equal("A12A starter et nytt forløp i A12 ved AHUS, men forløpet som startet 05.09.2016, er fortsatt åpent.", refusal.Reason.Nb);
    }

    [Fact]
    public void Event_WithoutAnEpisode_IsExplainedInNorwegian() =>
        Assert.Equal("Pasienten har ikke noe åpent forløp i A12 ved AHUS den 10.09.2016; registrer start pakkeforløp først.",
            Refused(new TestPatient(), "r1", "AHUS", "A12S", "2016-09-10", "code").Reason.Nb);

    [Fact]
    public void Decision_Second_IsExplainedInNorwegianWithTheRowToCorrect()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12CK", "2016-09-20");

        var refusal = Refused(patient, "r3", "AHUS", "A12CK", "2016-09-25", "code");

        Assert.Equal("Forløpet i A12 som startet 05.09.2016, har allerede klinisk beslutning A12CK datert 20.09.2016 (registrering r2); "
            + "send heller en korrigering som erstatter den.", refusal.Reason.Nb);
    }

    [Fact]
    public void Order_FirstAttendanceAfterTheDecision_IsExplainedInNorwegian()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12CK", "2016-09-20");

        var refusal = Refused(patient, "r3", "AHUS", "A12S", "2016-09-21", "date");

        Assert.Equal("A12S datert 21.09.2016 kan ikke komme etter A12CK datert 20.09.2016. "
            + "Rekkefølgen i forløpet er start, første fremmøte, klinisk beslutning, behandlingsstart.", refusal.Reason.Nb);
    }

    [Fact]
    public void Order_AllPointsOnTheSameDay_IsAccepted()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12S", "2016-09-05")
            .Has("r3", "AHUS", "A12CK", "2016-09-05")
            .Has("r4", "AHUS", "A12FK", "2016-09-05");

        Assert.Equal(EpisodeState.TreatmentStarted, Assert.Single(patient.Episodes).State);
    }

    [Fact]
    public void Order_SameDayPointsArrivingBackwards_AreAccepted()
    {
        // The rows of one day may come in any order: linking sorts by date, then by the pathway's order.
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r4", "AHUS", "A12FK", "2016-09-10")
            .Has("r3", "AHUS", "A12CK", "2016-09-10")
            .Has("r2", "AHUS", "A12S", "2016-09-10");

        var episode = Assert.Single(patient.Episodes);
        Assert.Equal(["A12A", "A12S", "A12CK", "A12FK"], episode.Events.Select(e => e.Code));
        Assert.Equal(EpisodeState.TreatmentStarted, episode.State);
    }

    [Fact]
    public void Order_FirstAttendanceOneDayBeforeTheStart_IsRefused()
    {
        var patient = new TestPatient().Has("r1", "AHUS", "A12A", "2016-09-05");

        Refused(patient, "r2", "AHUS", "A12S", "2016-09-04", "date");
    }

    [Fact]
    public void Order_DecisionOneDayBeforeTheFirstAttendance_IsRefused()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12S", "2016-09-10");

        var refusal = Refused(patient, "r3", "AHUS", "A12CK", "2016-09-09", "date");

        Assert.Contains("order is start, first attendance, clinical decision, start of treatment", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Order_TreatmentOneDayBeforeTheDecision_IsRefused()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12S", "2016-09-10")
            .Has("r3", "AHUS", "A12CK", "2016-09-20");

        Refused(patient, "r4", "AHUS", "A12FK", "2016-09-19", "date");
    }

    [Fact]
    public void Order_FirstAttendanceAfterTheDecision_IsRefused()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12CK", "2016-09-20");

        var refusal = Refused(patient, "r3", "AHUS", "A12S", "2016-09-21", "date");

        Assert.Contains("A12S dated 2016-09-21 comes after A12CK dated 2016-09-20", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Order_LateArrivingRowThatBreaksAnEarlierOne_NamesTheRowItWouldBreak()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12S", "2016-09-10");

        // Linked in date order the new decision comes first and the stored first attendance breaks the order.
        var refusal = Refused(patient, "r3", "AHUS", "A12CK", "2016-09-09", "date");

        Assert.StartsWith("A12CK dated 2016-09-09 would break record r2: ", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Order_SameDayWithAClockTimeOnlyOnTheStart_IsAccepted()
    {
        // A day pathway may carry a clock time; equal dates are still in order, whichever rows have one.
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05", time: "14:00")
            .Has("r2", "AHUS", "A12S", "2016-09-05");

        Assert.Equal(2, Assert.Single(patient.Episodes).Events.Count);
    }

    [Fact]
    public void MissingIntermediatePoints_AreAcceptedAndListedAsFindings()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12FK", "2016-10-01");

        var episode = Assert.Single(patient.Episodes);
        Assert.Null(episode.FirstAttendance);
        Assert.Null(episode.Decision);
        Assert.Equal(EpisodeState.TreatmentStarted, episode.State);
        Assert.Equal(["missing-decision", "missing-first-attendance"], DataQuality.Findings(episode).Select(f => f.Kind).Order(StringComparer.Ordinal));
        Assert.All(DataQuality.Findings(episode), f => NorwegianText.AssertWritten(f.Description));
    }

    [Fact]
    public void Transfer_ThenStartAtAnotherHf_ContinuesTheJourneyFromTheFirstStart()
    {
        var patient = new TestPatient()
            .Has("r17", "SUS", "A37A", "2016-10-03")
            .Has("r18", "SUS", "A37O", "2016-10-04")
            .Has("r19", "UNN", "A37A", "2016-10-05")
            .Has("r20", "UNN", "A37S", "2016-10-09");

        var sending = patient.Episode("SUS");
        var receiving = patient.Episode("UNN");
        Assert.Equal(EpisodeState.Transferred, sending.State);
        Assert.Same(receiving, sending.TransferredTo);
        Assert.Same(sending, receiving.TransferredFrom);
        Assert.Equal(new LocalDate(2016, 10, 3), receiving.SeniorityDate);
        Assert.Equal(new LocalDate(2016, 10, 5), receiving.StartDate);
        Assert.NotEqual(sending.Id, receiving.Id);
    }

    [Fact]
    public void Transfer_StartAtTheReceivingHfOnTheTransferDay_ContinuesTheJourney()
    {
        var patient = new TestPatient()
            .Has("r1", "SUS", "A37A", "2016-10-03")
            .Has("r2", "SUS", "A37O", "2016-10-04")
            .Has("r3", "UNN", "A37A", "2016-10-04");

        Assert.Equal(new LocalDate(2016, 10, 3), patient.Episode("UNN").SeniorityDate);
    }

    [Fact]
    public void Transfer_ReceivingStartSentBeforeTheTransferRow_ContinuesTheJourney()
    {
        // The receiving HF's file came in first; the sending HF's transfer row arrives later.
        var patient = new TestPatient()
            .Has("r1", "SUS", "A37A", "2016-10-03")
            .Has("u1", "UNN", "A37A", "2016-10-04")
            .Has("r2", "SUS", "A37O", "2016-10-04");

        Assert.Same(patient.Episode("SUS"), patient.Episode("UNN").TransferredFrom);
        Assert.Equal(new LocalDate(2016, 10, 3), patient.Episode("UNN").SeniorityDate);
    }

    [Fact]
    public void Transfer_OnwardOnTheSameDay_KeepsTheFirstStartAlongTheChain()
    {
        var patient = new TestPatient()
            .Has("r1", "SUS", "A12A", "2016-10-03")
            .Has("r2", "SUS", "A12O", "2016-10-05")
            .Has("a1", "AHUS", "A12A", "2016-10-05")
            .Has("a2", "AHUS", "A12O", "2016-10-05")
            .Has("u1", "UNN", "A12A", "2016-10-05");

        Assert.Equal(["SUS", "AHUS", "UNN"], PathwayTimeEngine.Journey(patient.Episode("UNN")).Select(e => e.Hf));
        Assert.All(patient.Episodes, e => Assert.Equal(new LocalDate(2016, 10, 3), e.SeniorityDate));
    }

    [Fact]
    public void Transfer_StartAtTheReceivingHfBeforeTheTransfer_IsAJourneyOfItsOwn()
    {
        var patient = new TestPatient()
            .Has("r1", "SUS", "A37A", "2016-10-03")
            .Has("r2", "UNN", "A37A", "2016-10-04")
            .Has("r3", "SUS", "A37O", "2016-10-05");

        Assert.Null(patient.Episode("UNN").TransferredFrom);
        Assert.Equal(new LocalDate(2016, 10, 4), patient.Episode("UNN").SeniorityDate);
    }

    [Fact]
    public void Transfer_ChainOverThreeHfs_KeepsTheFirstStart()
    {
        var patient = new TestPatient()
            .Has("r1", "SUS", "A12A", "2016-10-03")
            .Has("r2", "SUS", "A12O", "2016-10-04")
            .Has("r3", "AHUS", "A12A", "2016-10-06")
            .Has("r4", "AHUS", "A12O", "2016-10-08")
            .Has("r5", "UNN", "A12A", "2016-10-10");

        Assert.Equal(new LocalDate(2016, 10, 3), patient.Episode("UNN").SeniorityDate);
        Assert.Same(patient.Episode("AHUS"), patient.Episode("UNN").TransferredFrom);
    }

    [Theory]
    [InlineData("2016-11-03", true)]         // decision 0011: day 30 after the transfer (10-04) still continues the journey
    [InlineData("2016-11-04", false)]        // day 31: a pathway of its own
    [InlineData("2018-10-04", false)]        // two years later: a new pathway, not a continuation
    public void Transfer_StartAtTheReceivingHf_ContinuesTheJourneyOnlyWithin30Days(string receivingStart, bool continues)
    {
        // Kodeveileder, "Henvisning til start pakkeforløp": HF 2 codes its start on the day it receives the onward
        // referral that HF 1 coded O on the day it sent it; the guide gives no limit (decision 0011 sets 30 days).
        var patient = new TestPatient()
            .Has("r1", "SUS", "A37A", "2016-10-03")
            .Has("r2", "SUS", "A37O", "2016-10-04")
            .Has("r3", "UNN", "A37A", receivingStart);

        var receiving = patient.Episode("UNN");
        Assert.Equal(continues, receiving.TransferredFrom is not null);
        Assert.Equal(continues ? new LocalDate(2016, 10, 3) : receiving.StartDate, receiving.SeniorityDate);
        Assert.Equal(continues, patient.Episode("SUS").TransferredTo is not null);
    }

    [Fact]
    public void Transfer_LateStartAtTheReceivingHf_SentFirst_IsStillAPathwayOfItsOwn()
    {
        // The same rule when the rows arrive out of date order (a full relink).
        var patient = new TestPatient()
            .Has("r1", "SUS", "A37A", "2016-10-03")
            .Has("u1", "UNN", "A37A", "2018-10-04")
            .Has("r2", "SUS", "A37O", "2016-10-04");

        Assert.Null(patient.Episode("UNN").TransferredFrom);
        Assert.Equal(new LocalDate(2018, 10, 4), patient.Episode("UNN").SeniorityDate);
    }

    [Theory]
    [InlineData("A12CI")]                    // ended by a decision: no disease
    [InlineData("A12X")]                     // stopped
    [InlineData("A12FK")]                    // ended by a start of treatment
    public void NewStart_OnTheDayTheEarlierPathwayEnded_OpensANewEpisodeAfterIt(string ending)
    {
        // Coding guide: a start is registered whenever a new referral or a new suspicion arises (e.g. "Ved kontroll finnes
        // begrunnet mistanke om tilbakefall"), also on the day the earlier pathway ended; decision 0011.
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", ending, "2016-10-01")
            .Has("r3", "AHUS", "A12A", "2016-10-01")
            .Has("r4", "AHUS", "A12S", "2016-10-03");

        Assert.Equal(2, patient.Episodes.Count);
        var (first, second) = (patient.Episodes[0], patient.Episodes[1]);
        Assert.Equal(ending, first.Ending!.Code);
        Assert.Equal(new LocalDate(2016, 10, 1), second.StartDate);
        Assert.Equal(new LocalDate(2016, 10, 1), second.SeniorityDate);
        Assert.Equal(2, second.Events.Count);
        Assert.True(second.IsOpen);
    }

    [Fact]
    public void NewStart_OnTheDayTheEarlierPathwayEnded_AlsoWhenTheStartIsCorrectedOntoThatDay()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12CI", "2016-10-01")
            .Has("r3", "AHUS", "A12A", "2016-10-02");

        Assert.Null(patient.Send("r4", "AHUS", "A12A", "2016-10-01", replaces: "r3"));

        Assert.Equal([new LocalDate(2016, 9, 5), new LocalDate(2016, 10, 1)], patient.Episodes.Select(e => e.StartDate));
    }

    [Fact]
    public void SecondStart_OnTheDayOfAnEventThatDoesNotEndTheEpisode_IsStillRefused()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12S", "2016-10-01");

        Refused(patient, "r3", "AHUS", "A12A", "2016-10-01", "code");
    }

    [Fact]
    public void Transfer_InAnotherPathway_DoesNotCarryTheSeniorityDate()
    {
        var patient = new TestPatient()
            .Has("r1", "SUS", "A12A", "2016-10-03")
            .Has("r2", "SUS", "A12O", "2016-10-04")
            .Has("r3", "UNN", "A37A", "2016-10-05");

        Assert.Equal(new LocalDate(2016, 10, 5), patient.Episode("UNN").SeniorityDate);
    }

    [Fact]
    public void Link_RowsInAnyArrivalOrder_GiveTheSameEpisodes()
    {
        RegisteredEvent E(long id, string org, string code, string date) =>
            new(id, id, org, $"r{id}", code, TestPatient.Date(date), null, null);
        var events = new[]
        {
            E(1, "SUS", "A37A", "2016-10-03"), E(2, "SUS", "A37O", "2016-10-04"), E(3, "UNN", "A37A", "2016-10-05"),
            E(4, "UNN", "A37S", "2016-10-09"), E(5, "UNN", "A37CK", "2016-11-12"), E(6, "UNN", "A37FK", "2016-11-12"),
        };

        var forwards = TestPatient.Linker.Link(events);
        var backwards = TestPatient.Linker.Link(events.Reverse());

        Assert.True(forwards.IsValid);
        Assert.True(backwards.IsValid);
        Assert.Equal(forwards.Episodes.Select(TestPatient.Describe), backwards.Episodes.Select(TestPatient.Describe));
    }

    [Fact]
    public void Link_UnknownCode_IsAViolationOfThatEvent()
    {
        var bad = new RegisteredEvent(2, 2, "AHUS", "r2", "A99A", new LocalDate(2016, 9, 5), null, null);

        var result = TestPatient.Linker.Link([new RegisteredEvent(1, 1, "AHUS", "r1", "A12A", new LocalDate(2016, 9, 5), null, null), bad]);

        Assert.False(result.IsValid);
        Assert.Same(bad, result.Violation!.Event);
        Assert.Equal("code", result.Violation.Column);
        NorwegianText.AssertWritten(result.Violation.Reason);
        Assert.Empty(result.Episodes);
    }

    [Fact]
    public void Link_EventOfAnRhf_IsAViolation()
    {
        var result = TestPatient.Linker.Link([new RegisteredEvent(1, 1, "HSO", "r1", "A12A", new LocalDate(2016, 9, 5), null, null)]);

        Assert.Equal("organisation", result.Violation!.Column);
        NorwegianText.AssertWritten(result.Violation.Reason);
    }

    [Fact]
    public void MentalHealth_Evaluations_MayRepeat()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "D01A", "2019-03-01", outcome: "D01U1")
            .Has("r2", "AHUS", "D01S", "2019-03-05", outcome: "D01U1")
            .Has("r3", "AHUS", "D01C", "2019-03-20", outcome: "D01U1")
            .Has("r4", "AHUS", "D01E", "2019-03-25", outcome: "D01U3")
            .Has("r5", "AHUS", "D01E", "2019-05-10", outcome: "D01U3");

        var episode = Assert.Single(patient.Episodes);
        Assert.Equal(2, episode.Events.Count(e => e.Kind == EventKind.Evaluation));
        Assert.Equal(EpisodeState.AwaitingTreatment, episode.State);
    }

    [Fact]
    public void MentalHealth_EvaluationBeforeTheDecision_IsRefused()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "D01A", "2019-03-01", outcome: "D01U1")
            .Has("r2", "AHUS", "D01C", "2019-03-20", outcome: "D01U1");

        var before = patient.Snapshot();
        var refusal = patient.Send("r3", "AHUS", "D01E", "2019-03-19", outcome: "D01U3");

        Assert.Equal("date", refusal?.Column);
        Assert.Equal(before, patient.Snapshot());
        NorwegianText.AssertWritten(refusal!);
    }

    [Fact]
    public void MentalHealth_EndCode_EndsTheEpisode()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "D01A", "2019-03-01", outcome: "D01U1")
            .Has("r2", "AHUS", "D01X", "2019-06-01", outcome: "D01U2");

        Assert.Equal(EpisodeState.Ended, Assert.Single(patient.Episodes).State);
    }

    [Fact]
    public void Stroke_PointsOfTheSameDay_AreOrderedByClockTime()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "HSMP1", "2024-03-31", time: "01:00")
            .Has("r2", "AHUS", "HSMP3", "2024-03-31", time: "01:50");

        var before = patient.Snapshot();
        // Thrombolysis before admission breaks the order of the points.
        var refusal = patient.Send("r3", "AHUS", "HSMP5", "2024-03-31", time: "01:40");

        Assert.Equal("date", refusal?.Column);
        Assert.Equal(before, patient.Snapshot());
        NorwegianText.AssertWritten(refusal!);
    }

    [Fact]
    public void Stroke_PointsAcrossMidnight_AreInOrder()
    {
        var patient = new TestPatient()
            .Has("r1", "AHUS", "HSMP1", "2024-12-31", time: "22:40")
            .Has("r2", "AHUS", "HSMP3", "2024-12-31", time: "23:50")
            .Has("r3", "AHUS", "HSMP5", "2025-01-01", time: "00:20");

        Assert.Equal(3, Assert.Single(patient.Episodes).Events.Count);
    }
}
