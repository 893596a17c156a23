using Forlop.App.Data;
using Forlop.App.Features.ContactPoints;
using Forlop.Domain;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Hjem;
using Forlop.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Demo;

/// <summary>
/// Synthetic contact points and Pakkeforløp hjem hand-overs, so /kontaktpunkter, /hjem and their APIs have something
/// to show. Every contact point and catchment area here is a placeholder: no source gives them, the phone numbers
/// (00 00 …) cannot be dialled and the e-mail domains end in .example (RFC 2606). Each county's municipalities form the
/// catchment of one HF of its region in turn (Oslo with OUS, Bergen with HB, so the demo users see their residents).
/// OUS's and HB's cancer episodes of the last 16 months are handed on to Oslo and Bergen: received or not, some
/// conversations held, others due.
/// </summary>
public static class DemoContactPointsAndHjem
{
    private static readonly HjemTopic[] Topics = Enum.GetValues<HjemTopic>();

    /// <summary>Adds the demo's contact points, catchment areas and hand-overs; returns the number of hand-overs.</summary>
    public static async Task<int> AddAsync(RegistryDb db, OrganisationDirectory organisations, PathwayCatalogue catalogue, Instant now, CancellationToken ct)
    {
        var today = now.InZone(RegistryStore.Oslo).Date;
        var at = now.ToDateTimeUtc();
        var hfs = organisations.All.Where(o => o.Kind is OrganisationKind.Hf or OrganisationKind.Ideell).ToList();
        foreach (var hf in hfs)
        {
            foreach (var family in ContactPointDirectory.OfficeFamilies)
            {
                db.ContactPoints.Add(new ContactPointEntity
                {
                    Kind = ContactPointDirectory.HfOffice, Owner = hf.Code, Family = EnumNames.Of(family), Name = $"Forløpskoordinatorene, {hf.Name}",
                    Phone = $"00 00 {hfs.IndexOf(hf):00} {(int)family:00} (demo)", Email = $"forlop-{EnumNames.Of(family)}@{((string)hf.Code).ToLowerInvariant()}.example",
                    Hours = "Hverdager 08.00–15.30 (demo)", Address = $"Demo-adresse, {hf.Name}", Placeholder = true, UpdatedBy = "demo", UpdatedAt = at,
                });
            }
        }
        var municipalities = ContactPointDirectory.Municipalities.On(today);
        foreach (var m in municipalities)
        {
            db.ContactPoints.Add(new ContactPointEntity
            {
                Kind = ContactPointDirectory.MunicipalityHjem, Owner = m.Number, Family = "", Name = $"Kreftkoordinator, {m.Name} kommune",
                Phone = $"00 00 {m.Number} (demo)", Email = $"kreftkoordinator@k{m.Number}.example", Hours = "Hverdager 09.00–14.00 (demo)",
                Address = $"Demo-adresse, {m.Name}", Placeholder = true, UpdatedBy = "demo", UpdatedAt = at,
            });
        }
        // Placeholder catchment areas: each county to one HF (not an ideell hospital) of its region in turn.
        var counties = municipalities.GroupBy(m => (m.Rhf, m.County)).OrderBy(g => g.Key.County, StringComparer.Ordinal).ToList();
        foreach (var county in counties)
        {
            var regional = hfs.Where(h => h.Kind == OrganisationKind.Hf && string.Equals(organisations.RhfOf(h.Code)?.Code, county.Key.Rhf, StringComparison.Ordinal)).ToList();
            if (regional.Count == 0)
            {
                continue;
            }
            var index = counties.Where(c => c.Key.Rhf == county.Key.Rhf).ToList().IndexOf(county);
            foreach (var m in county)
            {
                var hf = m.Number switch { "0301" => "OUS", "4601" => "HB", _ => (string)regional[index % regional.Count].Code };
                db.Catchments.Add(new CatchmentEntity { Hf = hf, Municipality = m.Number, Placeholder = true, SetBy = "demo", SetAt = at });
            }
        }
        await db.SaveChangesAsync(ct);

        var cancer = catalogue.Pathways.Where(p => p.Family == PathwayFamily.Cancer).Select(p => (string)p.Code).ToHashSet(StringComparer.Ordinal);
        var from = today.PlusMonths(-16).ToDateOnly();
        var until = today.PlusWeeks(-2).ToDateOnly();
        var handOvers = 0;
        foreach (var (hf, municipality, count) in new[] { ("OUS", "0301", 14), ("HB", "4601", 10) })
        {
            var candidates = (await db.Episodes.AsNoTracking().Where(e => e.Hf == hf && e.StartDate >= from && e.StartDate <= until)
                    .OrderBy(e => e.Id).Select(e => new { e.Id, e.Pathway, e.StartDate, e.DecisionDate }).ToListAsync(ct))
                .Where(e => cancer.Contains(e.Pathway)).ToList();
            if (candidates.Count == 0)
            {
                continue;
            }
            var step = Math.Max(1, candidates.Count / count);
            var chosen = candidates.Where((_, i) => i % step == 0).Take(count).ToList();
            for (var i = 0; i < chosen.Count; i++)
            {
                var e = chosen[i];
                var diagnosed = e.DecisionDate ?? e.StartDate;
                var assessed = diagnosed.AddDays(7) > today.ToDateOnly() ? today.ToDateOnly() : diagnosed.AddDays(7);
                var received = i % 4 != 0;
                var handOver = new HjemHandOverEntity
                {
                    EpisodeId = e.Id, Hf = hf, Municipality = municipality, DiagnosedOn = diagnosed, AssessedOn = assessed,
                    Topics = string.Join(',', new[] { Topics[i % Topics.Length], Topics[(i + 5) % Topics.Length] }.Select(EnumNames.Of)),
                    Note = "Demo: ønsker kontakt med kreftkoordinator", HandedOverBy = hf == "OUS" ? "koordinator" : "koordinator-bergen", HandedOverAt = at,
                    ReceivedBy = received ? (hf == "OUS" ? "kommune-oslo" : "kommune-bergen") : null, ReceivedAt = received ? at : null,
                };
                db.HjemHandOvers.Add(handOver);
                await db.SaveChangesAsync(ct);
                handOvers++;
                // The early conversation held where its window has passed, for every other patient received.
                var early = HjemRules.Window(HjemTouchpoint.Early, LocalDate.FromDateOnly(diagnosed));
                if (received && i % 2 == 1 && early.To < today)
                {
                    db.HjemConversations.Add(new HjemConversationEntity
                    {
                        HandOverId = handOver.Id, Touchpoint = EnumNames.Of(HjemTouchpoint.Early), HeldOn = early.From.PlusDays(10).ToDateOnly(),
                        Note = "Demo: samtale hjemme", RecordedBy = handOver.ReceivedBy!, RecordedAt = at,
                    });
                    await db.SaveChangesAsync(ct);
                }
            }
        }
        db.ChangeTracker.Clear();
        return handOvers;
    }
}
