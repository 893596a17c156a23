using Forlop.Domain.Catalogue;
using Forlop.Domain.PathwayTimes;
using NodaTime;

namespace Forlop.App.Features.Predictions;

/// <summary>
/// An open episode's predicted breach of its next deadline's interval (<see cref="IntervalId"/>): the probability that
/// the point is reached after <see cref="Deadline"/>, and when it can be expected — the median day and the 80 % interval
/// (<see cref="Earliest"/>–<see cref="Latest"/>), from <see cref="Comparable"/> comparable pathways of the HF or, when it
/// has too few, of the pathway nationally (<see cref="Basis"/>). Past its deadline with none comparable: probability 1 and no dates.
/// </summary>
public sealed record BreachForecast(string IntervalId, DateOnly Deadline, double Probability, DateOnly? Earliest, DateOnly? Median, DateOnly? Latest, int Comparable,
    PredictionBasis Basis);

/// <summary>The running interval a forecast is made for, as the episodes table stores it (no events read).</summary>
public sealed record RunningInterval(string Pathway, string Hf, string? IntervalId, DateOnly? Deadline, DateOnly SeniorityDate, DateOnly? FirstAttendanceDate,
    DateOnly? DecisionDate);

/// <summary>Forecasts for open episodes from the breach history (decision 0026).</summary>
public static class BreachForecasts
{
    /// <summary>
    /// The forecast for an episode's next deadline on <paramref name="today"/>; null when it has none, or too few
    /// comparable pathways anywhere. The interval's start is the stored date of its first point (national times from
    /// the seniority date); for other points, the deadline less the running standard.
    /// </summary>
    public static BreachForecast? For(BreachHistorySnapshot history, PathwayCatalogue catalogue, RunningInterval running, LocalDate today)
    {
        if (running.IntervalId is not { } id || running.Deadline is not { } deadlineDate || catalogue.Pathway(running.Pathway) is not { Unit: TimeUnit.Days } pathway
            || pathway.Intervals.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.Ordinal)) is not { } interval)
        {
            return null;
        }
        var deadline = LocalDate.FromDateOnly(deadlineDate);
        var seniority = LocalDate.FromDateOnly(running.SeniorityDate);
        var from = interval.From switch
        {
            "start" => seniority,
            "first-attendance" when running.FirstAttendanceDate is { } d => LocalDate.FromDateOnly(d),
            "decision" when running.DecisionDate is { } d => LocalDate.FromDateOnly(d),
            _ => PathwayTimeEngine.RunningStandard(interval, seniority) is { } standard ? deadline.PlusDays(-standard.Limit) : (LocalDate?)null,
        };
        return from is { } start ? For(history, running.Pathway, running.Hf, id, start, deadline, today)
            // A standard that depends on the care setting, which the episodes table does not keep: past the deadline the
            // breach is certain all the same; before it there is no day to count from.
            : today > deadline ? new BreachForecast(id, deadlineDate, 1, null, null, null, 0, PredictionBasis.PastDeadline) : null;
    }

    /// <summary>The forecast for an interval that started on <paramref name="from"/> with its deadline on <paramref name="deadline"/>.</summary>
    public static BreachForecast? For(BreachHistorySnapshot history, string pathway, string hf, string interval, LocalDate from, LocalDate deadline, LocalDate today)
    {
        var estimate = BreachEstimator.Estimate(history.Of(pathway, hf, interval), history.Of(pathway, null, interval),
            PathwayTimeEngine.DaysBetween(from, today), PathwayTimeEngine.DaysBetween(from, deadline));
        if (estimate is null)
        {
            return null;
        }
        var dates = estimate.ExpectedDates(from);
        return new BreachForecast(interval, deadline.ToDateOnly(), estimate.Probability, dates?.Low.ToDateOnly(), dates?.Median.ToDateOnly(), dates?.High.ToDateOnly(),
            estimate.Comparable, estimate.Basis);
    }
}
