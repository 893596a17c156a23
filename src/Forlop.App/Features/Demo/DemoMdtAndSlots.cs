using Forlop.App.Data;
using Forlop.Domain;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Slots;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Demo;

/// <summary>
/// Synthetic MDT meetings and reserved slots for every HF with open cancer pathways, so /mdt and /timer and their APIs
/// have something to show: a weekly team for the HF's three most frequent cancer pathways (its radiologist joins by
/// video from another HF), meetings three weeks back and three ahead, the past ones with the patients decided that
/// week and their decision records, today's and the coming ones with patients waiting for their decision; and two
/// slots a weekday per resource from three weeks back to two ahead, about six in ten booked for open episodes, the
/// rest released at their release time.
/// </summary>
public static class DemoMdtAndSlots
{
    private static readonly string[] Surnames = ["Berg", "Dahl", "Haugen", "Lie", "Moen", "Nilsen", "Strand", "Vik"];

    /// <summary>Adds the demo's teams, meetings and slots; returns (meetings, slots).</summary>
    public static async Task<(int Meetings, int Slots)> AddAsync(RegistryDb db, PathwayCatalogue catalogue, Instant now, CancellationToken ct)
    {
        var today = now.InZone(RegistryStore.Oslo).Date;
        var cancer = catalogue.Pathways.Where(p => p.Family == PathwayFamily.Cancer).Select(p => (string)p.Code).ToHashSet(StringComparer.Ordinal);
        var episodes = (await db.Episodes.AsNoTracking()
                .Select(e => new { e.Id, e.Hf, e.Pathway, e.NextDeadline, e.NextPoint, e.DecisionDate, Open = e.EndDate == null && e.TreatmentDate == null }).ToListAsync(ct))
            .Where(e => cancer.Contains(e.Pathway)).ToList();
        var open = episodes.Where(e => e.Open).ToList();
        var hfs = episodes.Select(e => e.Hf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var nowUtc = now.ToDateTimeUtc();
        var meetings = 0;
        var slots = 0;
        for (var h = 0; h < hfs.Count; h++)
        {
            var hf = hfs[h];
            var pathways = episodes.Where(e => e.Hf == hf).GroupBy(e => e.Pathway).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(3).Select(g => g.Key).ToList();
            var team = new MdtTeamEntity { Hf = hf, Name = $"Kreft-MDT {hf}", Pathways = string.Join(',', pathways), EveryDays = 7, CreatedBy = "demo", CreatedAt = nowUtc };
            db.MdtTeams.Add(team);
            await db.SaveChangesAsync(ct);
            var videoHf = hfs[(h + 1) % hfs.Count];
            db.MdtTeamMembers.AddRange(
                Member(team.Id, "Patolog", "pathologist", hf, h),
                Member(team.Id, "Radiolog", "radiologist", videoHf, h + 1),
                Member(team.Id, "Kirurg", "surgeon", hf, h + 2),
                Member(team.Id, "Onkolog", "oncologist", hf, h + 3),
                Member(team.Id, "Koordinator", "coordinator", hf, h + 4));
            var dates = Enumerable.Range(-3, 7).Select(w => today.PlusWeeks(w)).ToList();
            var convened = dates.Select(d => new MdtMeetingEntity
            {
                TeamId = team.Id, Hf = hf, Date = d.ToDateOnly(), Time = new TimeOnly(14, 0), ConvenedBy = "demo", ConvenedAt = nowUtc,
            }).ToList();
            db.MdtMeetings.AddRange(convened);
            await db.SaveChangesAsync(ct);
            meetings += convened.Count;

            // Past meetings: the team's patients decided in the week up to the meeting, with the decision point they got.
            var decided = await (from e in db.Episodes.AsNoTracking()
                                 join ev in db.Events on new { e.PatientId, Code = e.DecisionCode, Date = e.DecisionDate } equals new { ev.PatientId, Code = (string?)ev.Code, Date = ev.Date }
                                 where e.Hf == hf && pathways.Contains(e.Pathway) && e.DecisionDate != null
                                       && e.DecisionDate > today.PlusWeeks(-4).ToDateOnly() && e.DecisionDate < today.ToDateOnly()
                                 select new { e.Id, e.DecisionDate, e.DecisionCode, EventId = ev.Id }).ToListAsync(ct);
            foreach (var meeting in convened.Where(m => m.Date < today.ToDateOnly()))
            {
                foreach (var d in decided.Where(d => d.DecisionDate <= meeting.Date && d.DecisionDate > meeting.Date.AddDays(-7)).DistinctBy(d => d.Id).Take(8))
                {
                    db.MdtListEntries.Add(new MdtListEntryEntity
                    {
                        MeetingId = meeting.Id, EpisodeId = d.Id, Question = "Behandlingsvalg etter utredning", AddedBy = "demo", AddedAt = nowUtc,
                        DecidedBy = team.Name, Decision = "Behandling som anbefalt i handlingsprogrammet", CarriedOutBy = "Kirurg " + Surnames[(int)(d.Id % Surnames.Length)],
                        DueBy = d.DecisionDate!.Value.AddDays(14), DecisionEventId = d.EventId, DecisionCode = d.DecisionCode, RecordedBy = "demo", RecordedAt = nowUtc,
                    });
                }
            }
            // Today's and the coming meetings: patients waiting for their clinical decision, the most urgent first.
            var waiting = open.Where(e => e.Hf == hf && pathways.Contains(e.Pathway) && e.DecisionDate is null && e.NextDeadline is not null)
                .OrderBy(e => e.NextDeadline).ThenBy(e => e.Id).Take(24).ToList();
            var coming = convened.Where(m => m.Date >= today.ToDateOnly()).ToList();
            for (var i = 0; i < waiting.Count; i++)
            {
                db.MdtListEntries.Add(new MdtListEntryEntity
                {
                    MeetingId = coming[i % coming.Count].Id, EpisodeId = waiting[i].Id, Question = i % 2 == 0 ? "Operabel? Neoadjuvant behandling?" : "Videre utredning eller behandling?",
                    AddedBy = "demo", AddedAt = nowUtc,
                });
            }

            // Slots: two a weekday per resource, at 08:00 and 10:00.
            var bookable = open.Where(e => e.Hf == hf).OrderBy(e => e.Id).ToList();
            var next = 0;
            for (var day = today.PlusDays(-21); day <= today.PlusDays(14); day = day.PlusDays(1))
            {
                if (day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
                {
                    continue;
                }
                foreach (var resource in Enum.GetValues<SlotResource>())
                {
                    foreach (var hour in new[] { 8, 10 })
                    {
                        var startsAt = day.At(new LocalTime(hour, 0)).InZoneLeniently(RegistryStore.Oslo).ToInstant();
                        var releaseAt = SlotRules.ReleaseAt(startsAt, SlotRules.DefaultReleaseHoursBefore);
                        var key = day.DayOfYear * 31 + (int)resource * 7 + hour;
                        var booked = key % 10 < 6 && bookable.Count > 0 && (releaseAt > now || day < today);
                        var episode = booked ? bookable[next++ % bookable.Count] : null;
                        db.ReservedSlots.Add(new ReservedSlotEntity
                        {
                            Hf = hf, Unit = hf, Resource = EnumNames.Of(resource), StartsAt = startsAt.ToDateTimeUtc(), Minutes = 30, ReleaseAt = releaseAt.ToDateTimeUtc(),
                            PublishedBy = "demo", PublishedAt = (startsAt - Duration.FromDays(28)).ToDateTimeUtc(),
                            EpisodeId = episode?.Id, DeadlineAtBooking = episode?.NextDeadline, BookedBy = episode is null ? null : "demo",
                            BookedAt = episode is null ? null : (releaseAt - Duration.FromDays(2)).ToDateTimeUtc(),
                            ReleasedAt = episode is null && releaseAt <= now ? releaseAt.ToDateTimeUtc() : null,
                        });
                        slots++;
                    }
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return (meetings, slots);
    }

    private static MdtTeamMemberEntity Member(long teamId, string title, string role, string hf, int i) =>
        new() { TeamId = teamId, Name = $"{title} {Surnames[i % Surnames.Length]}", Role = role, Hf = hf };
}
