using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Features.ImportFeedback;
using Forlop.App.Features.Patients;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Demo;

/// <summary>
/// Synthetic earlier deliveries for the demo's HFs with coordinators (OUS and Helse Bergen), so /tilbakemeldinger shows
/// data quality improving: one file a month for the six months before today, with fewer errors and warnings each month.
/// The errors are real refusals of the import's parser for rows such a file gets wrong (an unknown code, a day in the
/// future, an identity number whose check digits fail); the warnings are the real findings of the HF's own episodes.
/// The demo's import itself adds today's document for every HF.
/// </summary>
public static class DemoFeedback
{
    public static async Task<int> AddAsync(RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations, Instant now, CancellationToken ct)
    {
        var today = now.InZone(RegistryStore.Oslo).Date;
        var linker = new EpisodeLinker(catalogue, organisations);
        var parser = new EventRowParser(catalogue, organisations);
        var documents = 0;
        foreach (var hf in new[] { "OUS", "HB" })
        {
            var candidates = await db.Episodes.AsNoTracking().Where(e => e.Hf == hf && (e.Findings > 0 || e.EndDate == null))
                .OrderBy(e => e.Id).Join(db.Patients, e => e.PatientId, p => p.Id, (e, p) => new { e.Id, p.NationalId, e.Pathway }).Take(200).ToListAsync(ct);
            if (candidates.Count == 0)
            {
                continue;
            }
            var next = 0;
            for (var monthsAgo = 6; monthsAgo >= 1; monthsAgo--)
            {
                var month = today.PlusMonths(-monthsAgo);
                var name = string.Create(CultureInfo.InvariantCulture, $"dips-{hf.ToLowerInvariant()}-{month:yyyy-MM}.csv");
                var feedback = new DeliveryFeedback(DeliverySource.File, name, "demo (synthetic)", organisations, catalogue, today);
                for (var i = 0; i < 300 + 40 * (6 - monthsAgo); i++)
                {
                    feedback.Accepted(hf);
                }
                // Errors: two a month fewer, from twelve down to two.
                for (var i = 0; i < 2 * monthsAgo; i++)
                {
                    var c = candidates[next++ % candidates.Count];
                    var recordId = string.Create(CultureInfo.InvariantCulture, $"{hf}-{month:yyyyMM}-{i + 1}");
                    var row = (i % 3) switch
                    {
                        0 => new EventRowText(recordId, c.NationalId, hf, c.Pathway + "Q", IsoDay(month), null, null, null, null, null),
                        1 => new EventRowText(recordId, c.NationalId, hf, c.Pathway + "A", IsoDay(today.PlusDays(30)), null, null, null, null, null),
                        _ => new EventRowText(recordId, c.NationalId[..10] + (c.NationalId[10] == '0' ? "1" : "0"), hf, c.Pathway + "A", IsoDay(month), null, null, null, null, null),
                    };
                    if (parser.Parse(row, today, out var refusal) is null)
                    {
                        feedback.Rejected(hf, 10 * i + 2, recordId, row.PatientId, refusal!.Column, refusal.Message, refusal.Reason.Nb);
                    }
                }
                // Warnings: the real findings of some of the HF's episodes, three a month fewer.
                for (var i = 0; i < 3 * monthsAgo; i++)
                {
                    var c = candidates[next++ % candidates.Count];
                    if (await PatientRecords.LoadByNationalIdAsync(db, linker, c.NationalId, ct) is { } loaded
                        && loaded.Record.Episodes.FirstOrDefault(e => e.Id == c.Id) is { } episode)
                    {
                        feedback.Touched(episode, EpisodeRows.ToRows(loaded.Patient.Id, episode, organisations).Episode, c.NationalId, null);
                    }
                }
                var received = new LocalDateTime(month.Year, month.Month, 3, 6, 15).InZoneLeniently(RegistryStore.Oslo).ToDateTimeUtc();
                await feedback.SaveAsync(db, null, received, ct);
                db.ChangeTracker.Clear();
                documents++;
            }
        }
        return documents;
    }

    private static string IsoDay(LocalDate day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
