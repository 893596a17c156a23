namespace Forlop.App.Features.Dashboards;

/// <summary>
/// The statements the dashboard cube runs, the same on both databases but for how a list of patients is passed
/// (<see cref="CubeReader"/>). Pinned by tests (tests/Forlop.App.Tests/Features/Dashboards): the cube reads counts and
/// dates, never a person.
/// </summary>
internal static class DashboardCubeSql
{
    public const string NewestEvent = "SELECT COALESCE(MAX(id), 0) FROM events";

    // Pathway and organisations come as one text (one string a row instead of four), split once per slot.
    public const string AllEpisodes =
        "SELECT id, pathway || '|' || unit || '|' || hf || '|' || rhf, start_date, seniority_date, transferred_from_id, state, end_date, treatment_type, treatment_date FROM episodes";

    public const string AllIntervals = "SELECT episode_id, to_date, length, treatment_type FROM episode_intervals WHERE interval_id = @interval";

    // Not DISTINCT: SQLite would then walk the whole patient index instead of the few newest rows.
    public const string PatientsWithEventsAfter = "SELECT patient_id FROM events WHERE id > @after";

    /// <summary>The episodes of some patients; <paramref name="patientsIn"/> is the database's "patient_id is one of @patients".</summary>
    public static string EpisodesOf(string patientsIn) => AllEpisodes + " WHERE " + patientsIn;

    public static string IntervalsOf(string patientsIn) => AllIntervals + " AND " + patientsIn;

    public static string RootsOf(string patientsIn) => "SELECT DISTINCT root_id FROM events WHERE " + patientsIn;
}
