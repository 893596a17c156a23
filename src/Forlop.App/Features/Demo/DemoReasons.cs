using Forlop.App.Data;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.Demo;

/// <summary>
/// Synthetic deviation reasons for the demo's intervals over their standard, so the bottleneck view (/dashbord/flaskehalser)
/// has something to show: picked from the episode id, so the same demo gives the same reasons; one breach in five is
/// left without a reason, as in use.
/// </summary>
public static class DemoReasons
{
    // By episode id % 10: three in ten capacity (the resource by the next digit), then pathology, the patient's wish,
    // a medical reason, a transfer and "other"; 8 and 9 unexplained.
    private const string Insert = """
        INSERT INTO deviation_reasons (episode_id, interval_id, cause, resource, text, recorded_at, recorded_by)
        SELECT episode_id, interval_id,
               CASE episode_id % 10 WHEN 0 THEN 'capacity' WHEN 1 THEN 'capacity' WHEN 2 THEN 'capacity' WHEN 3 THEN 'waiting-for-pathology'
                    WHEN 4 THEN 'patients-wish' WHEN 5 THEN 'medical-reason' WHEN 6 THEN 'transfer' ELSE 'other' END,
               CASE WHEN episode_id % 10 < 3 THEN
                    CASE (episode_id / 10) % 6 WHEN 0 THEN 'ct' WHEN 1 THEN 'mr' WHEN 2 THEN 'pet' WHEN 3 THEN 'endoscopy'
                         WHEN 4 THEN 'outpatient-consultation' ELSE 'operating-theatre' END END,
               CASE WHEN episode_id % 10 = 7 THEN 'Ventet på svar fra et annet sykehus (demo)' END,
               {0}, 'demo'
        FROM (SELECT episode_id, interval_id FROM episode_intervals WHERE status = 'over' GROUP BY episode_id, interval_id) breaches
        WHERE episode_id % 10 < 8
        """;

    /// <summary>Gives most breaches of the demo a reason, in a single statement; returns how many.</summary>
    public static Task<int> AssignAsync(RegistryDb db, DateTime recordedAt, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(Insert, [recordedAt], ct);
}
