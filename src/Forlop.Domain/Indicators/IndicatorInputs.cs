using Forlop.Domain.Catalogue;
using Forlop.Domain.Registry;
using NodaTime;

namespace Forlop.Domain.Indicators;

/// <summary>
/// What the indicators need of a stored episode. <see cref="Unit"/> is the organisation that registered its start
/// (the HF itself or one of its units), <see cref="Hf"/> and <see cref="Rhf"/> the levels above it; figures are
/// counted where the episode is. <see cref="ContinuesTransfer"/>: the episode continues a journey begun at another HF.
/// <see cref="PatientId"/> is the patient's registry id, for indicators counted per patient (0 where the reader does not
/// need it: each episode then stands for a patient of its own).
/// </summary>
public sealed record EpisodeFacts(
    long Id,
    string Pathway,
    string Unit,
    string Hf,
    string Rhf,
    LocalDate StartDate,
    LocalDate SeniorityDate,
    bool ContinuesTransfer,
    EpisodeState State,
    LocalDate? EndDate,
    TreatmentType Treatment,
    LocalDate? TreatmentDate,
    DecisionKind Decision,
    LocalDate? DecisionDate,
    long PatientId = 0)
{
    public bool IsOpen => State is EpisodeState.AwaitingFirstAttendance or EpisodeState.UnderInvestigation or EpisodeState.AwaitingTreatment;
}

/// <summary>
/// A measured interval whose end point is reached, with the episode it belongs to (the one holding the end point).
/// <see cref="Length"/> is in the pathway's unit; <see cref="Treatment"/> is the treatment type the interval ends in,
/// else that of the journey's treatment (None while there is none).
/// </summary>
public sealed record IntervalFacts(
    long EpisodeId,
    string Pathway,
    string Unit,
    string Hf,
    string Rhf,
    string Interval,
    LocalDate ToDate,
    long Length,
    LocalDate SeniorityDate,
    TreatmentType Treatment,
    CareSetting Setting = CareSetting.Any);

/// <summary>
/// A measured interval as a share within the standard time counts it: <see cref="Limit"/> is the standard in force
/// on its seniority date for its treatment type (in the pathway's unit; null when the catalogue has none, so the
/// interval is completed but outside the share), <see cref="Within"/> whether the length is at most that limit.
/// </summary>
public sealed record CountedInterval(IntervalFacts Interval, long? Limit, bool Within)
{
    /// <summary>Counted in the share's denominator and over its standard: a breach.</summary>
    public bool Over => Limit is not null && !Within;
}

/// <summary>New cancer cases of an HF from <see cref="From"/> to <see cref="To"/> (inclusive), from the Cancer Registry's figures.</summary>
public sealed record NewCancerCases(string Hf, LocalDate From, LocalDate To, int Count);

/// <summary>
/// The facts an indicator is computed from. The caller may hand in more than the period needs (the computation
/// selects by date itself); <see cref="IndicatorComputation.Needs"/> says which lists a kind of indicator reads.
/// </summary>
public sealed record IndicatorInputs(
    IReadOnlyList<EpisodeFacts> Episodes,
    IReadOnlyList<IntervalFacts> Intervals,
    IReadOnlyList<NewCancerCases> NewCases)
{
    public static IndicatorInputs Empty { get; } = new([], [], []);
}
