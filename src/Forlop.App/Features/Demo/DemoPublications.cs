using System.Globalization;
using System.Text;
using Forlop.App.Data;
using Forlop.App.Features.Import;
using Forlop.App.Features.Indicators;
using Forlop.App.Features.PeriodLocks;
using Forlop.Domain.Patients;
using Forlop.Domain.Reporting;
using NodaTime;

namespace Forlop.App.Features.Demo;

/// <summary>
/// Versioned publications in the demo (docs/decisions/0030): the demo year's first tertial is published, a late A12
/// pathway at OUS arrives after the lock, and the tertial is published again as revision 1 — so /statistikk of that
/// tertial, the exports and `forlop publication YYYY-T1` show a revision and what caused it.
/// </summary>
public static class DemoPublications
{
    public static async Task AddAsync(RegistryStore store, int year, CancellationToken ct)
    {
        var tertial = FormattableString.Invariant($"{year}-T1");
        if (!ReportingPeriod.TryParse(tertial, out var period, out _))
        {
            return;
        }
        var locking = new PeriodLocking(store.Db, new IndicatorService(store.Db, store.Catalogue, store.Indicators, store.Organisations), store.Clock);
        await locking.LockAsync(period, "npr-arsrapport (demo)", ct);
        var patient = Enumerable.Range(900, 99)
            .Select(i => NationalIdentityNumber.TryCreate(new LocalDate(1951, 3, 14), i, NationalIdentityNumberKind.Synthetic, out var n) ? n.Value : null)
            .First(n => n is not null);
        var start = new LocalDate(year, 1, 12);
        var path = Path.Combine(Path.GetTempPath(), $"forlop-demo-late-{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllTextAsync(path, string.Join("\n",
                "record_id,patient_id,organisation,code,date,replaces,cancel",
                $"demo-late-1,{patient},OUS,A12A,{Day(start)},,",
                $"demo-late-2,{patient},OUS,A12FK,{Day(start.PlusDays(30))},,") + "\n", new UTF8Encoding(false), ct);
            await ImportCommand.RunAsync(store, path, TextWriter.Null, ct);
        }
        finally
        {
            File.Delete(path);
        }
        await locking.LockAsync(period, "npr-revisjon (demo)", ct);
    }

    private static string Day(LocalDate day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
