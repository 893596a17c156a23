using Forlop.Domain;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Organisations;
using Forlop.Domain.Registry;
using NodaTime;

namespace Forlop.Bench.Dashboard;

/// <summary>
/// The peer: DuckDB computing the same grid from the raw events files, with the catalogue handed in as small tables
/// (codes, organisations, OF4 standards by seniority date, which pathways each indicator covers). The SQL does the
/// linking itself: current versions (a correction or withdrawal replaces the row it names), episodes per patient ×
/// pathway × HF opened by each start in the linker's order, a start after a transfer at another HF continuing that
/// journey (its seniority date), and then the five indicators as the catalogue defines them.
/// What it does not do: check the coding rules (every row of these files was accepted by the import), or follow a
/// transfer that two starts compete for (the demo never sends one).
/// </summary>
public sealed class DuckDbDashboard(PathwayCatalogue pathways, OrganisationDirectory organisations, DashboardIndicators indicators) : IDisposable
{
    private readonly DuckDBConnection _connection = new("Data Source=:memory:");

    public void Dispose() => _connection.Dispose();

    /// <summary>Starts DuckDB and hands it the catalogue.</summary>
    public void Open()
    {
        _connection.Open();
        Catalogue();
    }

    /// <summary>Reads the events files into a table: the interchange format's ten columns (issue 10 added <c>setting</c>).</summary>
    public void Load(IReadOnlyList<string> files)
    {
        Execute("CREATE TABLE raw (record_id VARCHAR, patient_id VARCHAR, organisation VARCHAR, code VARCHAR, date DATE, time VARCHAR, outcome VARCHAR, replaces VARCHAR, cancel VARCHAR, setting VARCHAR)");
        // File by file in the import's order: the table keeps insertion order, so rowid is the order rows arrived in.
        foreach (var file in files)
        {
            Execute("INSERT INTO raw SELECT * FROM read_csv('" + file.Replace("'", "''", StringComparison.Ordinal) + "', header = true, auto_detect = false, " +
                "columns = {'record_id': 'VARCHAR', 'patient_id': 'VARCHAR', 'organisation': 'VARCHAR', 'code': 'VARCHAR', 'date': 'DATE', " +
                "'time': 'VARCHAR', 'outcome': 'VARCHAR', 'replaces': 'VARCHAR', 'cancel': 'VARCHAR', 'setting': 'VARCHAR'})");
        }
    }

    public long Rows() => Convert.ToInt64(Scalar("SELECT count(*) FROM raw"), CultureInfo.InvariantCulture);

    /// <summary>The grid for the months from <paramref name="first"/>: (pathway or ALL, HF or null for the nation, month) → figures.</summary>
    public Dictionary<(string Pathway, string? Hf, int Month), int[]> Grid(YearMonth first, int months)
    {
        var from = first.OnDayOfMonth(1);
        var to = first.PlusMonths(months - 1).OnDayOfMonth(1).PlusMonths(1).PlusDays(-1);
        Execute(Linking);
        var sql = Figures.Replace("@from", Day(from), StringComparison.Ordinal).Replace("@to", Day(to), StringComparison.Ordinal)
            .Replace("@months", months.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var grid = new Dictionary<(string, string?, int), int[]>();
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var pathway = reader.IsDBNull(0) ? IndicatorFigure.AllPathways : reader.GetString(0);
            var hf = reader.IsDBNull(1) ? null : reader.GetString(1);
            var month = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
            var figures = new int[6];
            for (var i = 0; i < 6; i++)
            {
                figures[i] = Convert.ToInt32(reader.GetValue(3 + i), CultureInfo.InvariantCulture);
            }
            grid[(pathway, hf, month)] = figures;
        }
        return grid;
    }

    // Episodes from the current versions of the events, as EpisodeLinker builds them for rows it accepted.
    private const string Linking = """
        CREATE OR REPLACE TEMP TABLE placed AS
        SELECT r.patient_id, k.pathway, o.hf, o.rhf, r.organisation, r.date, k.kind, k.treatment, k.ends, k.rank,
               CASE WHEN k.minutes THEN r.time END AS clock, r.rowid AS arrival
        FROM raw r
        -- The current version: no later row replaces it (a correction) and it is not a withdrawal.
        ANTI JOIN (SELECT replaces, organisation FROM raw WHERE replaces IS NOT NULL) x ON x.replaces = r.record_id AND x.organisation = r.organisation
        JOIN codes k ON k.code = r.code
        JOIN orgs o ON o.code = r.organisation
        WHERE coalesce(r.cancel, '') <> 'true';

        -- Date order; the same day: clock time (minute pathways), the pathway's order of points, then arrival.
        -- Every start opens the next episode of the patient's pathway at that HF; other points join the latest.
        CREATE OR REPLACE TEMP TABLE episodes AS
        WITH numbered AS (
            SELECT *, sum(CASE WHEN kind = 'start' THEN 1 ELSE 0 END) OVER w AS episode_no, row_number() OVER w AS pos
            FROM placed
            WINDOW w AS (PARTITION BY patient_id, pathway, hf ORDER BY date, clock NULLS FIRST, rank, arrival ROWS UNBOUNDED PRECEDING))
        SELECT patient_id, pathway, hf, episode_no, any_value(rhf) AS rhf,
               arg_min(organisation, pos) FILTER (WHERE kind = 'start') AS unit,
               min(date) FILTER (WHERE kind = 'start') AS start_date,
               arg_min(date, pos) FILTER (WHERE kind = 'treatment') AS treatment_date,
               arg_min(treatment, pos) FILTER (WHERE kind = 'treatment') AS treatment,
               arg_min(date, pos) FILTER (WHERE ends) AS end_date,
               arg_min(kind, pos) FILTER (WHERE ends) AS end_kind
        FROM numbered GROUP BY patient_id, pathway, hf, episode_no;

        -- A start at another HF on or after a transfer continues that journey: the latest transfer dated by then, taken once.
        CREATE OR REPLACE TEMP TABLE links AS
        SELECT patient_id, pathway, hf, episode_no, from_hf, from_episode_no FROM (
            SELECT s.patient_id, s.pathway, s.hf, s.episode_no, t.hf AS from_hf, t.episode_no AS from_episode_no,
                   row_number() OVER (PARTITION BY s.patient_id, s.pathway, s.hf, s.episode_no ORDER BY t.end_date DESC) AS latest,
                   row_number() OVER (PARTITION BY t.patient_id, t.pathway, t.hf, t.episode_no ORDER BY s.start_date, s.hf) AS first_start
            FROM episodes s JOIN episodes t
              ON t.patient_id = s.patient_id AND t.pathway = s.pathway AND t.hf <> s.hf AND t.end_kind = 'transfer' AND t.end_date <= s.start_date)
        WHERE latest = 1 AND first_start = 1;

        -- The seniority date: the first start of the journey, across transfers.
        CREATE OR REPLACE TEMP TABLE journeys AS
        WITH RECURSIVE journey(patient_id, pathway, hf, episode_no, seniority) AS (
            SELECT e.patient_id, e.pathway, e.hf, e.episode_no, e.start_date FROM episodes e
            ANTI JOIN links l ON l.patient_id = e.patient_id AND l.pathway = e.pathway AND l.hf = e.hf AND l.episode_no = e.episode_no
            UNION ALL
            SELECT l.patient_id, l.pathway, l.hf, l.episode_no, j.seniority FROM links l
            JOIN journey j ON j.patient_id = l.patient_id AND j.pathway = l.pathway AND j.hf = l.from_hf AND j.episode_no = l.from_episode_no)
        SELECT e.*, j.seniority, l.from_hf IS NOT NULL AS continues,
               -- Where no code ends an episode (stroke), the next start closes it: ended, with no end date.
               (e.end_date IS NULL AND (p.has_ending_codes OR e.episode_no = max(e.episode_no) OVER (PARTITION BY e.patient_id, e.pathway, e.hf))) AS is_open
        FROM episodes e
        JOIN journey j USING (patient_id, pathway, hf, episode_no)
        JOIN paths p ON p.pathway = e.pathway
        LEFT JOIN links l USING (patient_id, pathway, hf, episode_no);
        """;

    // The five indicators per pathway × HF × month, with all pathways and the nation by grouping sets.
    private const string Figures = """
        WITH months AS (
            SELECT (DATE '@from' + to_months(i + 1) - INTERVAL 1 DAY)::DATE AS last_day
            FROM range(@months) t(i)),
        facts AS (
            SELECT j.*, c.started AS c_started, c.completed AS c_completed, c.measured AS c_measured, c.ended AS c_ended, c.open AS c_open
            FROM journeys j JOIN cover c ON c.pathway = j.pathway),
        counted AS (
            SELECT pathway, hf, start_date AS day, 1 AS started, 0 AS completed, 0 AS measured, 0 AS within, 0 AS ended, 0 AS open
            FROM facts WHERE c_started AND NOT continues AND start_date BETWEEN DATE '@from' AND DATE '@to'
            UNION ALL
            SELECT pathway, hf, treatment_date, 0, 1, 0, 0, 0, 0
            FROM facts WHERE c_completed AND treatment IN (SELECT treatment FROM treatments WHERE measure = 'completed')
              AND treatment_date BETWEEN DATE '@from' AND DATE '@to'
            UNION ALL
            -- OF4: from the seniority date to the start of treatment, against the standard in force on the seniority date.
            SELECT f.pathway, f.hf, f.treatment_date, 0, 0, 1, CASE WHEN date_diff('day', f.seniority, f.treatment_date) <= s.limit_days THEN 1 ELSE 0 END, 0, 0
            FROM facts f JOIN standards s ON s.pathway = f.pathway AND s.treatment = f.treatment AND f.seniority >= s.valid_from AND f.seniority < s.valid_until
            WHERE f.c_measured AND f.treatment_date BETWEEN DATE '@from' AND DATE '@to'
            UNION ALL
            SELECT pathway, hf, end_date, 0, 0, 0, 0, 1, 0
            FROM facts WHERE c_ended AND end_date BETWEEN DATE '@from' AND DATE '@to'
              AND (end_kind IN ('decision', 'stop') OR (end_kind = 'treatment' AND treatment IN (SELECT treatment FROM treatments WHERE measure = 'ended')))
            UNION ALL
            -- Open on the month's last day: started by then, not ended by then.
            SELECT f.pathway, f.hf, m.last_day, 0, 0, 0, 0, 0, 1
            FROM facts f JOIN months m ON f.start_date <= m.last_day AND (f.end_date > m.last_day OR (f.end_date IS NULL AND f.is_open))
            WHERE f.c_open AND f.start_date <= DATE '@to' AND (f.end_date IS NULL OR f.end_date > DATE '@from'))
        SELECT pathway, hf, month, sum(started)::INTEGER, sum(completed)::INTEGER, sum(measured)::INTEGER, sum(within)::INTEGER, sum(ended)::INTEGER, sum(open)::INTEGER
        FROM (SELECT *, (year(day) - year(DATE '@from')) * 12 + month(day) - month(DATE '@from') AS month FROM counted)
        GROUP BY GROUPING SETS ((pathway, hf, month), (hf, month), (pathway, month), (month));
        """;

    /// <summary>The catalogue as tables: what each code means, each organisation's HF and RHF, OF4 standards and coverage.</summary>
    private void Catalogue()
    {
        Execute("CREATE TABLE codes (code VARCHAR, pathway VARCHAR, kind VARCHAR, treatment VARCHAR, ends BOOLEAN, rank INTEGER, minutes BOOLEAN)");
        Execute("CREATE TABLE paths (pathway VARCHAR, has_ending_codes BOOLEAN)");
        Execute("CREATE TABLE orgs (code VARCHAR, hf VARCHAR, rhf VARCHAR)");
        Execute("CREATE TABLE standards (pathway VARCHAR, treatment VARCHAR, valid_from DATE, valid_until DATE, limit_days INTEGER)");
        Execute("CREATE TABLE cover (pathway VARCHAR, started BOOLEAN, completed BOOLEAN, measured BOOLEAN, ended BOOLEAN, open BOOLEAN)");
        Execute("CREATE TABLE treatments (measure VARCHAR, treatment VARCHAR)");
        var sql = new StringBuilder();
        foreach (var p in pathways.Pathways)
        {
            Insert(sql, "paths", Text(p.Code), Bool(p.HasEndingCodes));
            Insert(sql, "cover", Text(p.Code), Bool(indicators.Covers(DashboardMeasure.Started, p.Code)), Bool(indicators.Covers(DashboardMeasure.Completed, p.Code)),
                Bool(indicators.Covers(DashboardMeasure.Measured, p.Code)), Bool(indicators.Covers(DashboardMeasure.EndedWithoutTreatment, p.Code)),
                Bool(indicators.Covers(DashboardMeasure.StillOpen, p.Code)));
            foreach (var e in p.Events)
            {
                // The linker's order of one day's points: by stage, points without one last (EpisodeLinker.SortRank).
                Insert(sql, "codes", Text(e.Code), Text(p.Code), Text(EnumNames.Of(e.Kind.ToString())), Text(EnumNames.Of(e.Treatment.ToString())), Bool(e.EndsEpisode),
                    (e.Stage >= 0 ? e.Stage : 100).ToString(CultureInfo.InvariantCulture), Bool(p.Unit == TimeUnit.Minutes));
            }
            if (p.Interval(indicators.Interval) is { } interval)
            {
                foreach (var treatment in indicators.WithinStandard.Treatments)
                {
                    Standards(sql, p, interval, treatment);
                }
            }
        }
        foreach (var o in organisations.All)
        {
            if (organisations.HfOf(o.Code) is { } hf)
            {
                Insert(sql, "orgs", Text(o.Code), Text(hf.Code), Text(organisations.RhfOf(hf.Code)?.Code ?? ""));
            }
        }
        foreach (var t in indicators.Completed.Treatments)
        {
            Insert(sql, "treatments", Text("completed"), Text(EnumNames.Of(t.ToString())));
        }
        foreach (var t in indicators.EndedWithoutTreatment.Treatments)
        {
            Insert(sql, "treatments", Text("ended"), Text(EnumNames.Of(t.ToString())));
        }
        Execute(sql.ToString());
    }

    /// <summary>The standard in force by seniority date, as ranges between the dates a version starts (IntervalDefinition.StandardOn at each).</summary>
    private void Standards(StringBuilder sql, Pathway pathway, IntervalDefinition interval, TreatmentType treatment)
    {
        var starts = interval.Standards.Select(s => s.ValidFrom).Distinct().Order().ToList();
        for (var i = 0; i < starts.Count; i++)
        {
            var until = i + 1 < starts.Count ? starts[i + 1] : new LocalDate(9999, 12, 31);
            if (interval.StandardOn(starts[i], treatment, indicators.WithinStandard.Setting) is { } standard)
            {
                Insert(sql, "standards", Text(pathway.Code), Text(EnumNames.Of(treatment.ToString())), $"DATE '{Day(starts[i])}'", $"DATE '{Day(until)}'",
                    standard.Limit.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private static void Insert(StringBuilder sql, string table, params string[] values) =>
        sql.Append("INSERT INTO ").Append(table).Append(" VALUES (").Append(string.Join(", ", values)).Append(");\n");

    private static string Text(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Bool(bool value) => value ? "true" : "false";


    private static string Day(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
