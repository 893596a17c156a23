using Forlop.Domain.Catalogue;
using Forlop.Domain.Registry;
using NodaTime;

namespace Forlop.Domain.PathwayTimes;

/// <summary>Where an interval stands against its standard.</summary>
public enum IntervalStatus
{
    /// <summary>Both points are registered and the length is at most the standard.</summary>
    Within,
    /// <summary>Both points are registered and the length exceeds the standard.</summary>
    Over,
    /// <summary>The first point is registered, the second not yet, and the deadline has not passed.</summary>
    Running,
    /// <summary>The first point is registered, the second not yet, and the deadline has passed.</summary>
    Overdue,
    /// <summary>Both points are registered but the catalogue has no standard for this case.</summary>
    NoStandard,
}

/// <summary>
/// One interval of an episode measured against the standard in force on the pathway's start date.
/// <see cref="Length"/> is in the pathway's unit (calendar days, or minutes); for a running interval it is the
/// time used so far.
/// </summary>
public sealed record IntervalMeasure(
    IntervalDefinition Definition,
    EpisodeEvent? FromEvent,
    LocalDate FromDate,
    EpisodeEvent? ToEvent,
    long Length,
    StandardTime? Standard,
    IntervalStatus Status,
    LocalDate? Deadline,
    CareSetting Setting = CareSetting.Any);

/// <summary>An episode's pathway times: every interval, its state, and the deadline of its next measurement point.</summary>
public sealed record EpisodeTimes(
    Episode Episode,
    EpisodeState State,
    IReadOnlyList<IntervalMeasure> Intervals,
    IntervalMeasure? NextDeadline);

/// <summary>
/// Computes pathway times (forløpstider). Pure: the caller passes today's date in Europe/Oslo. National times
/// count from the seniority date across transfers; local times count from the episode's own start.
/// </summary>
public static class PathwayTimeEngine
{
    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

    public static EpisodeTimes Measure(Episode episode, LocalDate today, bool local = false)
    {
        var journey = local ? [episode] : Journey(episode);
        var events = journey.SelectMany(e => e.Events).ToList();
        var standardDate = episode.SeniorityDate;
        var measures = new List<IntervalMeasure>();
        foreach (var interval in episode.Pathway.Intervals)
        {
            var froms = events.Where(e => Matches(e, interval.From)).ToList();
            var tos = events.Where(e => Matches(e, interval.To)).ToList();
            if (froms.Count == 0)
            {
                continue;
            }
            var repeated = string.Equals(interval.From, interval.To, StringComparison.Ordinal);
            if (repeated)
            {
                for (var i = 0; i + 1 < froms.Count; i++)
                {
                    measures.Add(Reached(interval, froms[i], froms[i].Date, froms[i + 1], episode, standardDate));
                }
                if (episode.IsOpen && episode.Pathway.Unit == TimeUnit.Days)
                {
                    measures.Add(Running(interval, froms[^1], froms[^1].Date, episode, standardDate, today));
                }
                continue;
            }
            var from = froms[0];
            // National times from the journey's first start (the seniority date), across transfers.
            var fromDate = from.Kind == EventKind.Start && !local ? episode.SeniorityDate : from.Date;
            var to = tos.FirstOrDefault();
            if (to is not null)
            {
                measures.Add(Reached(interval, from, fromDate, to, episode, standardDate));
            }
            else if (episode.IsOpen && episode.Pathway.Unit == TimeUnit.Days && !Passed(interval.To, episode.Pathway, events))
            {
                // A minute pathway's open interval would need the clock time now, not today's date; it is not shown.
                measures.Add(Running(interval, from, fromDate, episode, standardDate, today));
            }
        }
        var next = measures
            .Where(m => m.Status is IntervalStatus.Running or IntervalStatus.Overdue && m.Deadline is not null)
            .OrderBy(m => m.Deadline)
            .FirstOrDefault();
        return new EpisodeTimes(episode, episode.State, measures, next);
    }

    /// <summary>
    /// The standard a running interval is measured against: before the treatment type is known, the strictest standard
    /// of the counted treatments applies.
    /// </summary>
    public static StandardTime? RunningStandard(IntervalDefinition interval, LocalDate standardDate, CareSetting setting = CareSetting.Any) =>
        interval.StandardOn(standardDate, TreatmentType.None, setting)
            ?? new[] { TreatmentType.Surgery, TreatmentType.Drug, TreatmentType.Radiotherapy }
                .Select(t => interval.StandardOn(standardDate, t))
                .Where(s => s is not null)
                .MinBy(s => s!.Limit);

    /// <summary>Calendar days from one date to another (both in Europe/Oslo).</summary>
    public static int DaysBetween(LocalDate from, LocalDate to) => Period.Between(from, to, PeriodUnits.Days).Days;

    private static IntervalMeasure Reached(IntervalDefinition interval, EpisodeEvent from, LocalDate fromDate, EpisodeEvent to, Episode episode, LocalDate standardDate)
    {
        var length = Length(episode.Pathway.Unit, from, fromDate, to);
        var setting = SettingOf(to, from);
        var standard = interval.StandardOn(standardDate, to.Definition.Treatment, setting);
        var status = standard is null ? IntervalStatus.NoStandard : length <= standard.Limit ? IntervalStatus.Within : IntervalStatus.Over;
        return new IntervalMeasure(interval, from, fromDate, to, length, standard, status, Deadline(episode.Pathway.Unit, fromDate, standard), setting);
    }

    private static IntervalMeasure Running(IntervalDefinition interval, EpisodeEvent from, LocalDate fromDate, Episode episode, LocalDate standardDate, LocalDate today)
    {
        var setting = SettingOf(from, null);
        var standard = RunningStandard(interval, standardDate, setting);
        var used = DaysBetween(fromDate, today);
        var deadline = Deadline(episode.Pathway.Unit, fromDate, standard);
        var status = deadline is not null && today > deadline ? IntervalStatus.Overdue : IntervalStatus.Running;
        return new IntervalMeasure(interval, from, fromDate, null, used, standard, status, deadline, setting);
    }

    /// <summary>
    /// The care setting an interval is measured in (mental health: outpatient or inpatient standards): the setting sent
    /// with its end point, else with its start point; Any when neither says, and then only a standard without a setting applies.
    /// </summary>
    private static CareSetting SettingOf(EpisodeEvent? end, EpisodeEvent? start) =>
        end?.Event.Setting is { } s and not CareSetting.Any ? s : start?.Event.Setting ?? CareSetting.Any;

    private static LocalDate? Deadline(TimeUnit unit, LocalDate fromDate, StandardTime? standard) =>
        standard is null ? null : unit == TimeUnit.Days ? fromDate.PlusDays(standard.Limit) : fromDate;

    private static long Length(TimeUnit unit, EpisodeEvent from, LocalDate fromDate, EpisodeEvent to)
    {
        if (unit == TimeUnit.Days)
        {
            return DaysBetween(fromDate, to.Date);
        }
        // Minutes between two clock times in Europe/Oslo; the zone makes a change to or from summer time count right.
        var start = Oslo.AtLeniently(fromDate + (from.Event.Time ?? LocalTime.Midnight));
        var end = Oslo.AtLeniently(to.Date + (to.Event.Time ?? LocalTime.Midnight));
        return (long)Math.Floor((end.ToInstant() - start.ToInstant()).TotalMinutes);
    }

    /// <summary>
    /// Whether a later point than <paramref name="endpoint"/> is registered (a decision without a first attendance):
    /// the interval can no longer end on time or late, its point is missing, which DataQuality reports; counting it as
    /// running would put the episode on the tracking list for a deadline nobody can meet any more.
    /// </summary>
    private static bool Passed(string endpoint, Pathway pathway, IReadOnlyList<EpisodeEvent> events)
    {
        var stages = pathway.Events.Where(d => string.Equals(d.Code, endpoint, StringComparison.Ordinal)
                || (EnumNames.TryParse<EventKind>(endpoint, out var kind) && d.Kind == kind))
            .Where(d => d.Stage >= 0).Select(d => d.Stage).ToList();
        return stages.Count > 0 && events.Any(e => e.Definition.Stage > stages.Min());
    }

    private static bool Matches(EpisodeEvent e, string endpoint) =>
        string.Equals(e.Code, endpoint, StringComparison.Ordinal)
        || (EndpointKinds.GetOrAdd(endpoint, static text => EnumNames.TryParse<EventKind>(text, out var kind) ? kind : null) is { } k && e.Kind == k);

    // An interval's endpoint is a kind or a code; reading the kind builds strings, and every stored episode is measured
    // (its reached intervals are kept), so each endpoint is read once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, EventKind?> EndpointKinds = new(StringComparer.Ordinal);

    /// <summary>The episodes of the patient's journey up to this one, first start first.</summary>
    public static IReadOnlyList<Episode> Journey(Episode episode)
    {
        var chain = new List<Episode>();
        for (var e = episode; e is not null; e = e.TransferredFrom)
        {
            chain.Add(e);
        }
        chain.Reverse();
        return chain;
    }
}
