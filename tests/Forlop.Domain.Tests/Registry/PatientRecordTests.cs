using Forlop.Domain.Catalogue;
using Forlop.Domain.Registry;
using NodaTime;

namespace Forlop.Domain.Tests.Registry;

/// <summary>Corrections and withdrawals: the history keeps every row, the active set holds the newest versions.</summary>
public class PatientRecordTests
{
    /// <summary>The worked example's sixth patient before the correction: A37 at SUS, surgery 50 days after the start.</summary>
    private static TestPatient ThyroidPatient() => new TestPatient()
        .Has("r23", "SUS", "A37A", "2016-10-03")
        .Has("r24", "SUS", "A37S", "2016-10-11")
        .Has("r25", "SUS", "A37CK", "2016-11-13")
        .Has("r26", "SUS", "A37FK", "2016-11-22");

    private static Refusal RefusedWithoutChange(TestPatient patient, Func<TestPatient, Refusal?> submit, string column)
    {
        var before = patient.Snapshot();
        var refusal = submit(patient);
        Assert.NotNull(refusal);
        Assert.Equal(column, refusal.Column);
        Assert.Equal(before, patient.Snapshot());
        NorwegianText.AssertWritten(refusal);
        return refusal;
    }

    [Fact]
    public void Apply_NewRow_IsStoredAsItsOwnRoot()
    {
        var patient = new TestPatient().Has("r1", "AHUS", "A12A", "2016-09-05");

        var row = Assert.Single(patient.Record.Rows);
        Assert.Equal(new EventRow(1, 1, "AHUS", "r1", "A12A", new LocalDate(2016, 9, 5), null, null, null, false), row);
        Assert.Equal("r1", Assert.Single(patient.Record.ActiveEvents).RecordId);
    }

    [Fact]
    public void Correction_ThatKeepsTheOrder_ReplacesTheOldVersion()
    {
        var patient = ThyroidPatient().Has("r27", "SUS", "A37FK", "2016-11-13", replaces: "r26");

        // History: both rows, the new one pointing at the old.
        Assert.Equal(5, patient.Record.Rows.Count);
        var old = patient.Record.FindRow("SUS", "r26")!;
        var correction = patient.Record.FindRow("SUS", "r27")!;
        Assert.Equal(old.Id, correction.ReplacesId);
        Assert.Equal(old.RootId, correction.RootId);
        // Active set: the new version only.
        Assert.DoesNotContain(patient.Record.ActiveEvents, e => e.RecordId == "r26");
        Assert.Contains(patient.Record.ActiveEvents, e => e.RecordId == "r27");
        Assert.Equal(4, patient.Record.ActiveEvents.Count);
        // The episode uses it.
        Assert.Equal(new LocalDate(2016, 11, 13), Assert.Single(patient.Episodes).Treatment!.Date);
    }

    [Fact]
    public void Correction_OfTheStart_KeepsTheEpisodeIdAtTheRootId()
    {
        var patient = ThyroidPatient();
        var id = Assert.Single(patient.Episodes).Id;

        patient.Has("r23b", "SUS", "A37A", "2016-10-01", replaces: "r23");

        var episode = Assert.Single(patient.Episodes);
        Assert.Equal(id, episode.Id);
        Assert.Equal(patient.Record.FindRow("SUS", "r23")!.Id, episode.Id);
        Assert.NotEqual(patient.Record.FindRow("SUS", "r23b")!.Id, episode.Id);
        Assert.Equal(new LocalDate(2016, 10, 1), episode.StartDate);
    }

    [Fact]
    public void Correction_OfACorrection_KeepsTheRootOfTheChain()
    {
        var patient = ThyroidPatient()
            .Has("r27", "SUS", "A37FK", "2016-11-13", replaces: "r26")
            .Has("r28", "SUS", "A37FK", "2016-11-14", replaces: "r27");

        var root = patient.Record.FindRow("SUS", "r26")!.Id;
        Assert.Equal(root, patient.Record.FindRow("SUS", "r28")!.RootId);
        Assert.Equal(root, patient.Record.ActiveEvents.Single(e => e.Code == "A37FK").RootId);
        Assert.Equal(new LocalDate(2016, 11, 14), patient.Episodes[0].Treatment!.Date);
    }

    [Fact]
    public void Correction_OfAnAlreadyCorrectedRecord_IsRefused()
    {
        var patient = ThyroidPatient().Has("r27", "SUS", "A37FK", "2016-11-13", replaces: "r26");

        var refusal = RefusedWithoutChange(patient, p => p.Send("r28", "SUS", "A37FK", "2016-11-12", replaces: "r26"), "replaces");

        Assert.Contains("record r26 has already been corrected by record r27; correct that one instead", refusal.Message, StringComparison.Ordinal);
        Assert.Equal("Registrering r26 er allerede korrigert av registrering r27; korriger den i stedet.", refusal.Reason.Nb);
    }

    [Fact]
    public void Correction_ThatBreaksTheOrder_IsRefusedAndChangesNothing()
    {
        var patient = ThyroidPatient();

        // The first attendance moved after the decision.
        var refusal = RefusedWithoutChange(patient, p => p.Send("r24b", "SUS", "A37S", "2016-11-14", replaces: "r24"), "date");

        Assert.Contains("comes after A37CK dated 2016-11-13", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(new LocalDate(2016, 10, 11), patient.Episodes[0].FirstAttendance!.Date);
    }

    [Fact]
    public void Correction_ThatMovesTheStartAfterLaterPoints_IsRefusedAndNamesTheRowItWouldBreak()
    {
        var patient = ThyroidPatient();

        var refusal = RefusedWithoutChange(patient, p => p.Send("r23b", "SUS", "A37A", "2016-10-12", replaces: "r23"), "date");

        Assert.Contains("this correction of record r23 would break record r24", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Correction_ToAnotherPathway_IsRefused()
    {
        var patient = ThyroidPatient();

        var refusal = RefusedWithoutChange(patient, p => p.Send("r26b", "SUS", "A12FK", "2016-11-22", replaces: "r26"), "code");

        Assert.Contains("cannot move record r26 (A37FK) to another pathway (A12FK)", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Correction_OfAnUnknownRecord_IsRefused()
    {
        var patient = ThyroidPatient();

        var refusal = RefusedWithoutChange(patient, p => p.Send("r99", "SUS", "A37FK", "2016-11-13", replaces: "r98"), "replaces");

        Assert.Contains("no earlier record r98 from SUS", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Correction_FromAnotherOrganisation_IsRefused()
    {
        // Record ids are unique per organisation: UNN's r26 is not SUS's.
        var patient = ThyroidPatient();

        RefusedWithoutChange(patient, p => p.Send("r27", "UNN", "A37FK", "2016-11-13", replaces: "r26"), "replaces");
    }

    [Fact]
    public void Correction_ThatChangesTheTreatmentType_ChangesTheEpisodesTreatment()
    {
        var patient = ThyroidPatient().Has("r27", "SUS", "A37FL", "2016-11-22", replaces: "r26");

        Assert.Equal(TreatmentType.SymptomRelief, patient.Episodes[0].Treatment!.Definition.Treatment);
    }

    [Fact]
    public void Withdrawal_RemovesTheEventFromTheActiveSetAndKeepsTheHistory()
    {
        var patient = ThyroidPatient();

        Assert.Null(patient.Withdraw("r27", "SUS", "r26"));

        Assert.Equal(5, patient.Record.Rows.Count);
        var withdrawal = patient.Record.FindRow("SUS", "r27")!;
        Assert.True(withdrawal.IsWithdrawal);
        Assert.Equal(patient.Record.FindRow("SUS", "r26")!.Id, withdrawal.ReplacesId);
        Assert.DoesNotContain(patient.Record.ActiveEvents, e => e.Code == "A37FK");
        // Without its treatment the episode is open again, waiting for it.
        var episode = Assert.Single(patient.Episodes);
        Assert.True(episode.IsOpen);
        Assert.Equal(EpisodeState.AwaitingTreatment, episode.State);
    }

    [Fact]
    public void Withdrawal_OfTheTreatment_AllowsANewTreatment()
    {
        var patient = ThyroidPatient();
        Assert.Null(patient.Withdraw("r27", "SUS", "r26"));

        patient.Has("r28", "SUS", "A37FK", "2016-11-20");

        Assert.Equal(new LocalDate(2016, 11, 20), patient.Episodes[0].Treatment!.Date);
    }

    [Fact]
    public void Withdrawal_OfAStartThatStillHasLaterEvents_IsRefused()
    {
        var patient = ThyroidPatient();

        var refusal = RefusedWithoutChange(patient, p => p.Withdraw("r99", "SUS", "r23"), "cancel");

        Assert.Contains("withdrawing record r23 would break record r24", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Withdrawal_OfAStartThatStillHasLaterEvents_IsExplainedInNorwegianWithTheRowItWouldBreak()
    {
        var patient = ThyroidPatient();

        var refusal = RefusedWithoutChange(patient, p => p.Withdraw("r99", "SUS", "r23"), "cancel");

        Assert.Equal("Å trekke tilbake registrering r23 ville gjort registrering r24 ugyldig: "
            + "Pasienten har ikke noe åpent forløp i A37 ved SUS den 11.10.2016; registrer start pakkeforløp først.", refusal.Reason.Nb);
    }

    [Fact]
    public void Withdrawal_OfAStartWithoutLaterEvents_RemovesTheEpisode()
    {
        var patient = new TestPatient().Has("r1", "AHUS", "A12A", "2016-09-05");

        Assert.Null(patient.Withdraw("r2", "AHUS", "r1"));

        Assert.Empty(patient.Episodes);
        Assert.Empty(patient.Record.ActiveEvents);
        Assert.Equal(2, patient.Record.Rows.Count);
    }

    [Fact]
    public void Withdrawal_OfAWithdrawnRecord_IsRefused()
    {
        var patient = ThyroidPatient();
        Assert.Null(patient.Withdraw("r27", "SUS", "r26"));

        var refusal = RefusedWithoutChange(patient, p => p.Withdraw("r28", "SUS", "r26"), "replaces");

        Assert.Contains("already been withdrawn by record r27", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Correction_OfAWithdrawal_IsRefused()
    {
        var patient = ThyroidPatient();
        Assert.Null(patient.Withdraw("r27", "SUS", "r26"));

        var refusal = RefusedWithoutChange(patient, p => p.Send("r28", "SUS", "A37FK", "2016-11-13", replaces: "r27"), "replaces");

        Assert.Contains("is a withdrawal", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Withdrawal_WithoutReplaces_IsRefused()
    {
        var patient = ThyroidPatient();

        var refusal = RefusedWithoutChange(patient, p => p.Record.Apply(new EventSubmission("SUS", "r99", null, null, null, null, null, true), 99), "replaces");

        Assert.Equal("En tilbaketrekking må oppgi registreringen den trekker tilbake i feltet «Erstatter registrering».", refusal.Reason.Nb);
    }

    [Fact]
    public void Withdrawal_OfATransfer_UndoesTheContinuedJourney()
    {
        var patient = new TestPatient()
            .Has("r1", "SUS", "A37A", "2016-10-03")
            .Has("r2", "SUS", "A37O", "2016-10-04")
            .Has("r3", "UNN", "A37A", "2016-10-05");

        Assert.Null(patient.Withdraw("r4", "SUS", "r2"));

        Assert.True(patient.Episode("SUS").IsOpen);
        Assert.Null(patient.Episode("UNN").TransferredFrom);
        Assert.Equal(new LocalDate(2016, 10, 5), patient.Episode("UNN").SeniorityDate);
    }

    [Fact]
    public void NewRecord_FromItsHistory_HasTheSameEventsAndEpisodes()
    {
        var patient = ThyroidPatient()
            .Has("r27", "SUS", "A37FK", "2016-11-13", replaces: "r26")
            .Has("r28", "SUS", "A12A", "2016-12-01")
            .Has("r29", "SUS", "A12S", "2016-12-03");
        Assert.Null(patient.Withdraw("r30", "SUS", "r29"));

        var rebuilt = new PatientRecord(TestPatient.Linker, patient.Record.Rows.Reverse());

        Assert.Equal(patient.Record.Rows, rebuilt.Rows);
        Assert.Equal(patient.Record.ActiveEvents.OrderBy(e => e.Id), rebuilt.ActiveEvents.OrderBy(e => e.Id));
        Assert.Equal(patient.Episodes.Select(TestPatient.Describe), rebuilt.Episodes.Select(TestPatient.Describe));
    }

    [Fact]
    public void SameContentAs_ResentRow_IsTheSame()
    {
        var row = new EventRow(5, 5, "SUS", "r26", "A37FK", new LocalDate(2016, 11, 22), null, null, null, false);

        Assert.True(new EventSubmission("SUS", "r26", "A37FK", new LocalDate(2016, 11, 22), null, null, null, false).SameContentAs(row, null));
        Assert.False(new EventSubmission("SUS", "r26", "A37FK", new LocalDate(2016, 11, 23), null, null, null, false).SameContentAs(row, null));
        Assert.False(new EventSubmission("SUS", "r26", "A37FK", new LocalDate(2016, 11, 22), null, null, "r25", false).SameContentAs(row, null));
    }
}
