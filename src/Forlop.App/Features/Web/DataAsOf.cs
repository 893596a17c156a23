using System.Globalization;
using Forlop.App.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Web;

/// <summary>
/// "Data as of": when the newest event the figures include was recorded, in Oslo time. Pages with figures show it so a
/// reader knows how fresh they are (an import that came in the night, a registration a minute ago). One look-up by the
/// primary key, cheap at any volume.
/// </summary>
public static class DataAsOf
{
    /// <summary>When the registry's newest event was recorded; null while the registry is empty.</summary>
    public static async Task<ZonedDateTime?> NewestAsync(RegistryDb db, CancellationToken ct)
    {
        var recorded = await db.Events.AsNoTracking().OrderByDescending(e => e.Id).Select(e => (DateTime?)e.RecordedAt).FirstOrDefaultAsync(ct);
        return recorded is { } at ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc)).InZone(RegistryStore.Oslo) : null;
    }

    /// <summary>04.12.2026 kl. 14:03 (Norwegian) or 04.12.2026 14:03 (English).</summary>
    public static string Format(ZonedDateTime at, bool english) =>
        at.ToString(english ? "dd'.'MM'.'yyyy HH':'mm" : "dd'.'MM'.'yyyy 'kl.' HH':'mm", CultureInfo.InvariantCulture);
}
