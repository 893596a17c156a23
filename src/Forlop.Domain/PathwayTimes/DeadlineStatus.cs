using NodaTime;

namespace Forlop.Domain.PathwayTimes;

/// <summary>How an open episode stands against the deadline of its next measurement point (the tracking list's colours).</summary>
public enum DeadlineStatus
{
    /// <summary>More than <see cref="Deadlines.AtRiskDays"/> days left.</summary>
    OnTrack,
    /// <summary>The deadline is today or within <see cref="Deadlines.AtRiskDays"/> days.</summary>
    AtRisk,
    /// <summary>The deadline has passed.</summary>
    Overdue,
    /// <summary>The next point has no standard time.</summary>
    NoDeadline,
}

public static class Deadlines
{
    /// <summary>
    /// Days left at which an episode turns "at risk": three calendar days leave time to book a slot or chase a
    /// result before the standard is broken (a coordinator's working week, less the day it takes to act).
    /// </summary>
    public const int AtRiskDays = 3;

    public static int DaysLeft(LocalDate deadline, LocalDate today) => PathwayTimeEngine.DaysBetween(today, deadline);

    public static DeadlineStatus StatusOf(LocalDate? deadline, LocalDate today) => deadline is not { } d ? DeadlineStatus.NoDeadline
        : d < today ? DeadlineStatus.Overdue
        : DaysLeft(d, today) <= AtRiskDays ? DeadlineStatus.AtRisk
        : DeadlineStatus.OnTrack;
}
