using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Registry;
using Forlop.Domain.Reporting;
using NodaTime;

namespace Forlop.Domain.Tests.Reporting;

public class CountPreviewTests
{
    private static readonly TreatmentType[] Counted = [TreatmentType.Surgery, TreatmentType.Drug, TreatmentType.Radiotherapy];

    private static ReportingPeriod Period()
    {
        Assert.True(ReportingPeriod.TryParse("2026-T3", out var period, out var error), error);
        return period;
    }

    private static CountedInterval Interval(long length, long? limit) =>
        new(new IntervalFacts(1, "A12", "OUS", "OUS", "HSO", "OF4", new LocalDate(2026, 10, 1), length, new LocalDate(2026, 9, 1), TreatmentType.Surgery),
            limit, limit is { } l && length <= l);

    [Fact]
    public void Classify_CountedInterval_IsTheIndicatorsVerdict()
    {
        // The indicator selected it: within or over its standard as the indicator holds it, whatever the episode's state says.
        Assert.Equal(CountVerdict.Within, CountPreview.Classify(EpisodeState.TreatmentStarted, TreatmentType.Surgery, new LocalDate(2026, 10, 1), Interval(35, 35), Counted, Period()));
        Assert.Equal(CountVerdict.Over, CountPreview.Classify(EpisodeState.TreatmentStarted, TreatmentType.Surgery, new LocalDate(2026, 10, 1), Interval(36, 35), Counted, Period()));
        // Completed without a known standard: counted as completed, outside the share.
        Assert.Equal(CountVerdict.Not(NotCountedReason.StandardUnknown),
            CountPreview.Classify(EpisodeState.TreatmentStarted, TreatmentType.Radiotherapy, new LocalDate(2026, 10, 1), Interval(20, null), Counted, Period()));
    }

    [Theory]
    [InlineData(EpisodeState.AwaitingFirstAttendance, TreatmentType.None, null, NotCountedReason.NoTreatmentYet)]       // open, just referred
    [InlineData(EpisodeState.AwaitingTreatment, TreatmentType.None, null, NotCountedReason.NoTreatmentYet)]             // open, decided
    [InlineData(EpisodeState.EndedByDecision, TreatmentType.None, null, NotCountedReason.EndedWithoutTreatment)]        // CA/CI/CM
    [InlineData(EpisodeState.Stopped, TreatmentType.None, null, NotCountedReason.EndedWithoutTreatment)]                // X
    [InlineData(EpisodeState.TreatmentStarted, TreatmentType.Surveillance, "2026-10-01", NotCountedReason.EndedWithoutTreatment)]  // FO
    [InlineData(EpisodeState.TreatmentStarted, TreatmentType.NoTreatment, "2026-10-01", NotCountedReason.EndedWithoutTreatment)]   // FI
    [InlineData(EpisodeState.TreatmentStarted, TreatmentType.SymptomRelief, "2026-10-01", NotCountedReason.TreatmentNotCounted)]   // FL
    [InlineData(EpisodeState.Transferred, TreatmentType.None, null, NotCountedReason.TransferredOut)]                   // the receiving HF counts it
    [InlineData(EpisodeState.TreatmentStarted, TreatmentType.Surgery, "2026-08-31", NotCountedReason.OutsidePeriod)]    // treated the day before T3
    [InlineData(EpisodeState.TreatmentStarted, TreatmentType.Surgery, "2027-01-01", NotCountedReason.OutsidePeriod)]    // treated after T3
    public void Classify_NotSelectedByTheIndicator_SaysWhy(EpisodeState state, TreatmentType treatment, string? treated, NotCountedReason reason)
    {
        var day = treated is null ? (LocalDate?)null : NodaTime.Text.LocalDatePattern.Iso.Parse(treated).Value;
        Assert.Equal(CountVerdict.Not(reason), CountPreview.Classify(state, treatment, day, null, Counted, Period()));
    }
}
