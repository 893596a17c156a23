using System.Net;
using System.Net.Http.Json;
using Forlop.App.Data;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Accounts;

/// <summary>The matrix's rows for MDT meetings and reserved slots (issue 12, decision 0025).</summary>
public partial class ScopingMatrixTests
{
    // A property, not a field: CoveredRoutes reads it while the class is initialised, and fields of partial files start in no set order.
    private static string[] MdtAndSlotRoutes =>
    [
        "GET /api/v1/mdt-meetings/",
        "POST /api/v1/mdt-meetings/",
        "GET /api/v1/mdt-meetings/teams",
        "POST /api/v1/mdt-meetings/teams",
        "GET /api/v1/mdt-meetings/{id:long}",
        "GET /api/v1/mdt-meetings/{id:long}/list.pdf",
        "POST /api/v1/mdt-meetings/{id:long}/patients",
        "POST /api/v1/mdt-meetings/{id:long}/patients/{episodeId:long}/decision",
        "GET /api/v1/slots/",
        "POST /api/v1/slots/",
        "PUT /api/v1/slots/{id:long}/booking",
        "GET /api/v1/slots/figures",
    ];

    /// <summary>Per HF: a team, today's meeting with the HF's places' patients on its list, next week's with none; per place a slot booked for its patient and an open one.</summary>
    private sealed record MdtAndSlotSeed(Dictionary<string, long> TeamOf, Dictionary<string, long> MeetingOf, Dictionary<string, long> NextMeetingOf, Dictionary<string, long> OpenSlotOf);

    private static async Task<MdtAndSlotSeed> SeedMdtAndSlotsAsync(PersonDataScenario scenario)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = scenario.OpenDb();
        var now = DateTime.UtcNow;
        var seed = new MdtAndSlotSeed(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        foreach (var hf in scenario.Places.Values.Select(p => p.Hf).Distinct())
        {
            var team = new MdtTeamEntity { Hf = hf, Name = "MDT " + hf, Pathways = "A01", EveryDays = 7, CreatedBy = "test", CreatedAt = now };
            db.MdtTeams.Add(team);
            await db.SaveChangesAsync(ct);
            db.MdtTeamMembers.Add(new MdtTeamMemberEntity { TeamId = team.Id, Name = "Per Patolog", Role = "pathologist", Hf = hf });
            var today = new MdtMeetingEntity { TeamId = team.Id, Hf = hf, Date = scenario.Today.ToDateOnly(), Time = new TimeOnly(14, 0), ConvenedBy = "test", ConvenedAt = now };
            var next = new MdtMeetingEntity { TeamId = team.Id, Hf = hf, Date = scenario.Today.PlusDays(7).ToDateOnly(), Time = new TimeOnly(14, 0), ConvenedBy = "test", ConvenedAt = now };
            db.MdtMeetings.AddRange(today, next);
            await db.SaveChangesAsync(ct);
            seed.TeamOf[hf] = team.Id;
            seed.MeetingOf[hf] = today.Id;
            seed.NextMeetingOf[hf] = next.Id;
        }
        foreach (var place in scenario.Places.Values)
        {
            db.MdtListEntries.Add(new MdtListEntryEntity { MeetingId = seed.MeetingOf[place.Hf], EpisodeId = place.EpisodeId, Question = "Behandling?", AddedBy = "test", AddedAt = now });
            var open = new ReservedSlotEntity
            {
                Hf = place.Hf, Unit = place.Organisation, Resource = "mr", StartsAt = now.AddDays(5), Minutes = 30, ReleaseAt = now.AddDays(3), PublishedBy = "test", PublishedAt = now,
            };
            db.ReservedSlots.AddRange(open, new ReservedSlotEntity
            {
                Hf = place.Hf, Unit = place.Organisation, Resource = "ct", StartsAt = now.AddDays(4), Minutes = 30, ReleaseAt = now.AddDays(2), PublishedBy = "test", PublishedAt = now,
                EpisodeId = place.EpisodeId, BookedBy = "test", BookedAt = now,
            });
            await db.SaveChangesAsync(ct);
            seed.OpenSlotOf[place.Organisation] = open.Id;
        }
        return seed;
    }

    private static async Task ExpectMdtAndSlotsAsync(HttpClient client, PersonDataScenario scenario, Caller caller, PersonDataScenario.Place? own, PersonDataScenario.Place other,
        HttpStatusCode refused, Action<string, bool, string> expect)
    {
        var ct = TestContext.Current.CancellationToken;
        var seed = await SeedMdtAndSlotsAsync(scenario);
        var prepares = caller.Name.StartsWith("koordinator", StringComparison.Ordinal) || caller.Name == "leder";
        // A coordinator limited to a unit shares her HF's meetings and slots, not the patients of its other units.
        var otherInOwnHf = own is not null && own.Hf == other.Hf;
        var notFound = caller.Reads ? HttpStatusCode.NotFound : refused;

        async Task<int> Logged(PersonDataScenario.Place place) => await scenario.LogEntriesAsync(caller.LogUser, place.NationalId);

        // The meetings and teams of the caller's HF: no person data.
        foreach (var path in new[] { "/api/v1/mdt-meetings", "/api/v1/mdt-meetings/teams" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            expect("GET " + path, response.StatusCode == (caller.Reads ? HttpStatusCode.OK : refused), $"status {response.StatusCode}");
            expect("GET " + path, !body.Contains("MDT " + other.Hf, StringComparison.Ordinal) || otherInOwnHf, "shows the other HF's team");
            expect("GET " + path, own is null || body.Contains("MDT " + own.Hf, StringComparison.Ordinal), "does not show the own HF's team");
        }

        // One meeting's list, and its printed list: the own patient shown and logged once; the other patient never.
        foreach (var (route, suffix) in new[] { ("GET mdt-meetings/{id}", ""), ("GET mdt-meetings/{id}/list.pdf", "/list.pdf") })
        {
            var before = await Logged(other);
            var response = await client.GetAsync(new Uri($"/api/v1/mdt-meetings/{seed.MeetingOf[other.Hf]}{suffix}", UriKind.Relative), ct);
            expect(route + " (other)", response.StatusCode == (otherInOwnHf ? HttpStatusCode.OK : notFound), $"status {response.StatusCode}");
            expect(route + " (other)", !(await response.Content.ReadAsStringAsync(ct)).Contains(other.NationalId, StringComparison.Ordinal), "the body names the other patient");
            expect(route + " (other)", await Logged(other) == before, "logged a read of the other patient");
            if (own is not null)
            {
                before = await Logged(own);
                response = await client.GetAsync(new Uri($"/api/v1/mdt-meetings/{seed.MeetingOf[own.Hf]}{suffix}", UriKind.Relative), ct);
                expect(route + " (own)", response.StatusCode == HttpStatusCode.OK, $"status {response.StatusCode}");
                expect(route + " (own)", suffix.Length > 0 || (await response.Content.ReadAsStringAsync(ct)).Contains(own.NationalId, StringComparison.Ordinal), "does not show the own patient");
                expect(route + " (own)", await Logged(own) == before + 1, "not logged once");
            }
        }

        // Forming a team and convening: for those who prepare meetings, in their own HF.
        {
            var response = await client.PostAsJsonAsync("/api/v1/mdt-meetings/teams",
                new { name = "Nytt team", pathways = new[] { "A01" }, members = new[] { new { name = "Per", role = "pathologist" } } }, ct);
            expect("POST mdt-meetings/teams", response.StatusCode == (prepares ? HttpStatusCode.Created : caller.Reads ? HttpStatusCode.Forbidden : refused), $"status {response.StatusCode}");
            var hf = own?.Hf ?? other.Hf;
            response = await client.PostAsJsonAsync("/api/v1/mdt-meetings", new { teamId = seed.TeamOf[hf], date = scenario.Today.PlusDays(14).ToString("yyyy-MM-dd", null), time = "14:00" }, ct);
            expect("POST mdt-meetings", response.StatusCode == (prepares ? HttpStatusCode.Created : caller.Reads ? HttpStatusCode.Forbidden : refused), $"status {response.StatusCode}");
            if (prepares)
            {
                var otherHf = scenario.Places.Values.First(p => p.Hf != hf).Hf;
                response = await client.PostAsJsonAsync("/api/v1/mdt-meetings", new { teamId = seed.TeamOf[otherHf], date = scenario.Today.PlusDays(14).ToString("yyyy-MM-dd", null), time = "14:00" }, ct);
                expect("POST mdt-meetings (other HF's team)", response.StatusCode == HttpStatusCode.NotFound, $"status {response.StatusCode}");
            }
        }

        // Putting a patient on next week's list: the other patient is not found, the own one listed by those who prepare.
        {
            var route = "POST mdt-meetings/{id}/patients";
            var meeting = seed.NextMeetingOf[own?.Hf ?? other.Hf];
            var before = await Logged(other);
            var response = await client.PostAsJsonAsync($"/api/v1/mdt-meetings/{meeting}/patients", new { episodeId = other.EpisodeId, question = "?" }, ct);
            expect(route + " (other)", response.StatusCode == notFound, $"status {response.StatusCode}");
            expect(route + " (other)", await Logged(other) == before, "logged a change that was refused");
            expect(route + " (other)", await ListedAsync(scenario, meeting, other.EpisodeId) == 0, "listed the other patient");
            if (own is not null)
            {
                before = await Logged(own);
                response = await client.PostAsJsonAsync($"/api/v1/mdt-meetings/{meeting}/patients", new { episodeId = own.EpisodeId, question = "?" }, ct);
                expect(route + " (own)", response.StatusCode == (prepares ? HttpStatusCode.Created : HttpStatusCode.Forbidden), $"status {response.StatusCode}");
                expect(route + " (own)", await Logged(own) == before + (prepares ? 1 : 0), "change not logged once");
            }
        }

        // Deciding for a listed patient: the registration's who-may (coordinators and hospital systems), one entry.
        {
            var route = "POST mdt-meetings/{id}/patients/{episodeId}/decision";
            var form = new { code = "A01CK", decidedBy = "MDT", decision = "Kirurgi", carriedOutBy = "Kirurg", dueBy = scenario.Today.PlusDays(7).ToString("yyyy-MM-dd", null) };
            var before = await Logged(other);
            var events = await EventCountAsync(scenario);
            var response = await client.PostAsJsonAsync($"/api/v1/mdt-meetings/{seed.MeetingOf[other.Hf]}/patients/{other.EpisodeId}/decision", form, ct);
            expect(route + " (other)", response.StatusCode == notFound, $"status {response.StatusCode}");
            expect(route + " (other)", await Logged(other) == before, "logged a change that was refused");
            expect(route + " (other)", await EventCountAsync(scenario) == events, "registered a point");
            if (own is not null)
            {
                before = await Logged(own);
                response = await client.PostAsJsonAsync($"/api/v1/mdt-meetings/{seed.MeetingOf[own.Hf]}/patients/{own.EpisodeId}/decision", form, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                expect(route + " (own)", response.StatusCode == (caller.Changes ? HttpStatusCode.Created : HttpStatusCode.Forbidden), $"status {response.StatusCode}: {body}");
                expect(route + " (own)", await Logged(own) == before + (caller.Changes ? 1 : 0), "change not logged once");
            }
        }

        // The slots of the caller's HF: a booked slot names its patient only to those whose scope holds the episode.
        {
            var route = "GET slots";
            var before = await Logged(other);
            var response = await client.GetAsync(new Uri("/api/v1/slots", UriKind.Relative), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            expect(route, response.StatusCode == (caller.Reads ? HttpStatusCode.OK : refused), $"status {response.StatusCode}");
            expect(route, !body.Contains(other.NationalId, StringComparison.Ordinal), "shows the other patient");
            expect(route, await Logged(other) == before, "logged a read of the other patient");
            if (own is not null)
            {
                expect(route, body.Contains(own.NationalId, StringComparison.Ordinal), "does not show the own patient's booking");
                expect(route, await scenario.LogEntriesAsync(caller.LogUser, own.NationalId) > 0, "did not log the patient shown");
            }
            response = await client.GetAsync(new Uri("/api/v1/slots/figures", UriKind.Relative), ct);
            body = await response.Content.ReadAsStringAsync(ct);
            expect("GET slots/figures", response.StatusCode == (caller.Reads ? HttpStatusCode.OK : refused), $"status {response.StatusCode}");
            foreach (var place in scenario.Places.Values)
            {
                expect("GET slots/figures", !body.Contains(place.NationalId, StringComparison.Ordinal), $"names {place.Organisation}'s patient");
            }
        }

        // Publishing a slot of the own unit: coordinators and hospital systems.
        {
            var response = await client.PostAsJsonAsync("/api/v1/slots",
                new { unit = own?.Organisation ?? other.Organisation, resource = "pet", startsAt = scenario.Today.PlusDays(9).ToString("yyyy-MM-dd", null) + "T10:00" }, ct);
            expect("POST slots", response.StatusCode == (caller.Changes ? HttpStatusCode.Created : caller.Reads ? HttpStatusCode.Forbidden : refused), $"status {response.StatusCode}");
        }

        // Booking: another scope's patient is not found and nothing is booked; the own patient booked once and logged.
        {
            var route = "PUT slots/{id}/booking";
            var slot = seed.OpenSlotOf[(own ?? other).Organisation];
            var before = await Logged(other);
            var response = await client.PutAsJsonAsync($"/api/v1/slots/{slot}/booking", new { episodeId = other.EpisodeId }, ct);
            expect(route + " (other)", response.StatusCode == notFound, $"status {response.StatusCode}");
            expect(route + " (other)", await Logged(other) == before, "logged a change that was refused");
            expect(route + " (other)", await BookedForAsync(scenario, slot) is null, "booked the slot");
            if (own is not null)
            {
                before = await Logged(own);
                response = await client.PutAsJsonAsync($"/api/v1/slots/{slot}/booking", new { episodeId = own.EpisodeId }, ct);
                expect(route + " (own)", response.StatusCode == (caller.Changes ? HttpStatusCode.OK : HttpStatusCode.Forbidden), $"status {response.StatusCode}");
                expect(route + " (own)", await Logged(own) == before + (caller.Changes ? 1 : 0), "change not logged once");
                expect(route + " (own)", await BookedForAsync(scenario, slot) == (caller.Changes ? own.EpisodeId : null), "booked or not booked wrongly");
            }
        }
    }

    private static async Task<int> ListedAsync(PersonDataScenario scenario, long meetingId, long episodeId)
    {
        await using var db = scenario.OpenDb();
        return await db.MdtListEntries.CountAsync(e => e.MeetingId == meetingId && e.EpisodeId == episodeId);
    }

    private static async Task<long?> BookedForAsync(PersonDataScenario scenario, long slotId)
    {
        await using var db = scenario.OpenDb();
        return await db.ReservedSlots.Where(s => s.Id == slotId).Select(s => s.EpisodeId).SingleAsync();
    }
}
