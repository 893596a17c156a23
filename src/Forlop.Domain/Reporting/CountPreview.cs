using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Registry;
using NodaTime;

namespace Forlop.Domain.Reporting;

/// <summary>Where a pathway stands in the headline indicator (completed within the standard time) of a period.</summary>
public enum CountStatus
{
    /// <summary>Counted, OF4 within its standard: in the share's numerator and denominator.</summary>
    CountedWithin,
    /// <summary>Counted, OF4 over its standard: in the denominator only.</summary>
    CountedOver,
    /// <summary>Not in the share; <see cref="NotCountedReason"/> says why.</summary>
    NotCounted,
}

/// <summary>Why a pathway that touches the period is not in the share of completed within the standard time.</summary>
public enum NotCountedReason
{
    /// <summary>Still open: no start of treatment yet.</summary>
    NoTreatmentYet,
    /// <summary>Ended by a decision (CA, CI, CM), a stop (X), or a start of surveillance (FO) or no treatment (FI).</summary>
    EndedWithoutTreatment,
    /// <summary>Responsibility moved to another HF: the HF that starts the treatment counts the pathway.</summary>
    TransferredOut,
    /// <summary>Completed in the period, but the catalogue has no OF4 standard for its treatment type: outside the share.</summary>
    StandardUnknown,
    /// <summary>Treated with surgery, drug or radiotherapy, but on a day outside the period.</summary>
    OutsidePeriod,
    /// <summary>Treated with a type the indicator does not count (symptom relief, FL), or with no OF4 measured.</summary>
    TreatmentNotCounted,
}

/// <summary>A pathway's place in the indicator: counted within or over, or not counted and why.</summary>
public sealed record CountVerdict(CountStatus Status, NotCountedReason? Reason)
{
    public static readonly CountVerdict Within = new(CountStatus.CountedWithin, null);
    public static readonly CountVerdict Over = new(CountStatus.CountedOver, null);

    public static CountVerdict Not(NotCountedReason reason) => new(CountStatus.NotCounted, reason);
}

/// <summary>
/// "Will this patient count?" (issue 14, item 4): every pathway of an HF that touches an open period, placed in the
/// headline indicator. Whether a pathway is counted, and within or over, is never decided here: it is the
/// <see cref="CountedInterval"/> the indicator itself selected (<see cref="IndicatorComputation.CountedIntervals"/>),
/// so the counted rows of the view are the indicator's figure. Only a pathway the indicator leaves out is explained.
/// </summary>
public static class CountPreview
{
    /// <summary>
    /// The verdict for one episode: <paramref name="counted"/> is the indicator's interval for it in the period
    /// (null when the indicator did not select it); <paramref name="countedTreatments"/> the treatment types it counts.
    /// </summary>
    public static CountVerdict Classify(EpisodeState state, TreatmentType treatment, LocalDate? treatmentDate, CountedInterval? counted,
        IReadOnlyCollection<TreatmentType> countedTreatments, ReportingPeriod period)
    {
        if (counted is not null)
        {
            return counted.Limit is null ? CountVerdict.Not(NotCountedReason.StandardUnknown) : counted.Within ? CountVerdict.Within : CountVerdict.Over;
        }
        return state switch
        {
            EpisodeState.AwaitingFirstAttendance or EpisodeState.UnderInvestigation or EpisodeState.AwaitingTreatment => CountVerdict.Not(NotCountedReason.NoTreatmentYet),
            EpisodeState.Transferred => CountVerdict.Not(NotCountedReason.TransferredOut),
            EpisodeState.TreatmentStarted when !countedTreatments.Contains(treatment) =>
                // FO (surveillance) and FI (no treatment) end the pathway without treatment, as the indicator ended-without-treatment counts them.
                CountVerdict.Not(treatment is TreatmentType.Surveillance or TreatmentType.NoTreatment or TreatmentType.None
                    ? NotCountedReason.EndedWithoutTreatment : NotCountedReason.TreatmentNotCounted),
            EpisodeState.TreatmentStarted when treatmentDate is { } day && !period.Contains(day) => CountVerdict.Not(NotCountedReason.OutsidePeriod),
            EpisodeState.TreatmentStarted => CountVerdict.Not(NotCountedReason.TreatmentNotCounted),
            _ => CountVerdict.Not(NotCountedReason.EndedWithoutTreatment),
        };
    }
}
