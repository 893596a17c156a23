using System.Net;
using System.Net.Http.Json;
using Forlop.App.Data;
using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Accounts;

/// <summary>The matrix's rows for the contact-point directory and Pakkeforløp hjem (issue 13, decision 0028).</summary>
public partial class ScopingMatrixTests
{
    // A property, not a field: CoveredRoutes reads it while the class is initialised, and fields of partial files start in no set order.
    private static string[] ContactPointsAndHjemRoutes =>
    [
        "GET /api/v1/contact-points/",
        "PUT /api/v1/contact-points/hfs/{hf}/offices/{family}",
        "PUT /api/v1/contact-points/hfs/{hf}/catchment",
        "PUT /api/v1/contact-points/municipalities/{number}",
        "GET /api/v1/hjem/handovers",
        "POST /api/v1/hjem/handovers",
        "GET /api/v1/hjem/handovers/{id:long}",
        "PUT /api/v1/hjem/handovers/{id:long}/receipt",
        "POST /api/v1/hjem/handovers/{id:long}/conversations",
        "GET /api/v1/hjem/due",
    ];

    /// <summary>Where each place's patient lives: OUS's two places' patients in Oslo, HB's in Bergen.</summary>
    private static readonly Dictionary<string, string> MunicipalityOf = new(StringComparer.Ordinal)
    {
        ["OUS"] = "0301",
        [PersonDataScenario.Unit] = "0301",
        ["HB"] = "4601",
    };

    /// <summary>Per place, its episode handed on to the patient's municipality three months after the diagnosis (the early conversation is due), not yet received.</summary>
    private static async Task<Dictionary<string, long>> SeedHandOversAsync(PersonDataScenario scenario)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = scenario.OpenDb();
        var handOvers = new Dictionary<string, HjemHandOverEntity>(StringComparer.Ordinal);
        foreach (var place in scenario.Places.Values)
        {
            handOvers[place.Organisation] = new HjemHandOverEntity
            {
                EpisodeId = place.EpisodeId, Hf = place.Hf, Municipality = MunicipalityOf[place.Organisation], DiagnosedOn = scenario.Today.PlusMonths(-3).ToDateOnly(),
                AssessedOn = scenario.Today.ToDateOnly(), Topics = "family,nutrition", Note = "", HandedOverBy = "test", HandedOverAt = DateTime.UtcNow,
            };
        }
        db.HjemHandOvers.AddRange(handOvers.Values);
        await db.SaveChangesAsync(ct);
        return handOvers.ToDictionary(h => h.Key, h => h.Value.Id, StringComparer.Ordinal);
    }

    private static async Task ExpectContactPointsAndHjemAsync(HttpClient client, PersonDataScenario scenario, Caller caller, PersonDataScenario.Place? own, PersonDataScenario.Place other,
        HttpStatusCode refused, Action<string, bool, string> expect)
    {
        var ct = TestContext.Current.CancellationToken;
        var places = scenario.Places.Values.ToList();

        // The directory: the same public answer for every caller, signed in or not, and no person data in it.
        {
            var response = await client.GetAsync(new Uri("/api/v1/contact-points", UriKind.Relative), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            expect("GET contact-points", response.StatusCode == HttpStatusCode.OK, $"status {response.StatusCode}");
            expect("GET contact-points", body.Contains("\"Bergen\"", StringComparison.Ordinal) && body.Contains("\"OUS\"", StringComparison.Ordinal), "not the whole directory");
            foreach (var place in places)
            {
                expect("GET contact-points", !body.Contains(place.NationalId, StringComparison.Ordinal), $"names {place.Organisation}'s patient");
            }
        }

        // Maintaining it: the installation's administrator here (an HF's own administrator: ContactPointsApiTests); a municipality's coordinator her own contact point.
        {
            var details = new { name = "Koordinatorkontoret", phone = "00 00 00 00" };
            var response = await client.PutAsJsonAsync("/api/v1/contact-points/hfs/OUS/offices/cancer", details, ct);
            expect("PUT contact-points/hfs/{hf}/offices/{family}", response.StatusCode == (caller.Administers ? HttpStatusCode.OK : refused), $"status {response.StatusCode}");
            response = await client.PutAsJsonAsync("/api/v1/contact-points/hfs/OUS/catchment", new { municipalities = new[] { "0301" } }, ct);
            expect("PUT contact-points/hfs/{hf}/catchment", response.StatusCode == (caller.Administers ? HttpStatusCode.OK : refused), $"status {response.StatusCode}");
            response = await client.PutAsJsonAsync("/api/v1/contact-points/municipalities/0301", details, ct);
            expect("PUT contact-points/municipalities/0301", response.StatusCode == (caller.Administers || caller.Name == "kommune-oslo" ? HttpStatusCode.OK : refused),
                $"status {response.StatusCode}");
            response = await client.PutAsJsonAsync("/api/v1/contact-points/municipalities/4601", details, ct);
            expect("PUT contact-points/municipalities/4601", response.StatusCode == (caller.Administers ? HttpStatusCode.OK : refused), $"status {response.StatusCode}");
        }

        // Pakkeforløp hjem: the hospital sees the hand-overs of its scope, a municipality only its own residents handed on.
        var handOvers = await SeedHandOversAsync(scenario);
        var municipality = caller.Name == "kommune-oslo" ? "0301" : null;
        var hjem = caller.Reads || municipality is not null;
        bool Visible(PersonDataScenario.Place place) => municipality is not null ? MunicipalityOf[place.Organisation] == municipality : caller.Sees(place, own);
        var mine = places.FirstOrDefault(Visible);
        var notMine = places.First(p => !Visible(p) && (municipality is not null || p == other));
        async Task<int> Logged(PersonDataScenario.Place place) => await scenario.LogEntriesAsync(caller.LogUser, place.NationalId);

        foreach (var path in new[] { "/api/v1/hjem/handovers", "/api/v1/hjem/due" })
        {
            var route = "GET " + path;
            var before = await Logged(notMine);
            var mineBefore = mine is null ? 0 : await Logged(mine);
            var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            expect(route, response.StatusCode == (hjem ? HttpStatusCode.OK : refused), $"status {response.StatusCode}");
            foreach (var place in places.Where(p => !Visible(p)))
            {
                expect(route, !body.Contains(place.NationalId, StringComparison.Ordinal), $"shows {place.Organisation}'s patient");
            }
            expect(route, await Logged(notMine) == before, "logged a read of a patient not shown");
            if (mine is not null)
            {
                expect(route, body.Contains(mine.NationalId, StringComparison.Ordinal), "does not show the caller's own hand-over");
                expect(route, await Logged(mine) == mineBefore + 1, "not logged once");
            }
        }

        // One hand-over: another's is not found, nothing logged; the own one shown and logged once.
        {
            var route = "GET hjem/handovers/{id}";
            var before = await Logged(notMine);
            var response = await client.GetAsync(new Uri($"/api/v1/hjem/handovers/{handOvers[notMine.Organisation]}", UriKind.Relative), ct);
            expect(route + " (other)", response.StatusCode == (hjem ? HttpStatusCode.NotFound : refused), $"status {response.StatusCode}");
            expect(route + " (other)", !(await response.Content.ReadAsStringAsync(ct)).Contains(notMine.NationalId, StringComparison.Ordinal), "the body names the other patient");
            expect(route + " (other)", await Logged(notMine) == before, "logged a read that showed nothing");
            if (mine is not null)
            {
                before = await Logged(mine);
                response = await client.GetAsync(new Uri($"/api/v1/hjem/handovers/{handOvers[mine.Organisation]}", UriKind.Relative), ct);
                expect(route + " (own)", response.StatusCode == HttpStatusCode.OK, $"status {response.StatusCode}");
                expect(route + " (own)", (await response.Content.ReadAsStringAsync(ct)).Contains(mine.NationalId, StringComparison.Ordinal), "does not show the own patient");
                expect(route + " (own)", await Logged(mine) == before + 1, "was not logged once");
            }
        }

        // Receipt and conversations: the municipality's own coordinator only; the hospital sees the hand-over but may not answer for the municipality.
        foreach (var (route, send) in new (string, Func<long, Task<HttpResponseMessage>>)[]
                 {
                     ("PUT hjem/handovers/{id}/receipt", id => client.PutAsync(new Uri($"/api/v1/hjem/handovers/{id}/receipt", UriKind.Relative), null, ct)),
                     ("POST hjem/handovers/{id}/conversations", id => client.PostAsJsonAsync($"/api/v1/hjem/handovers/{id}/conversations",
                         new { touchpoint = "early", heldOn = scenario.Today.ToString("yyyy-MM-dd", null), note = "Samtale" }, ct)),
                 })
        {
            var before = await Logged(notMine);
            var response = await send(handOvers[notMine.Organisation]);
            expect(route + " (other)", response.StatusCode == (hjem ? HttpStatusCode.NotFound : refused), $"status {response.StatusCode}");
            expect(route + " (other)", await Logged(notMine) == before, "logged a change that was refused");
            if (mine is not null)
            {
                before = await Logged(mine);
                response = await send(handOvers[mine.Organisation]);
                var answers = municipality is not null;
                var created = route.StartsWith("POST", StringComparison.Ordinal) ? HttpStatusCode.Created : HttpStatusCode.OK;
                expect(route + " (own)", response.StatusCode == (answers ? created : HttpStatusCode.Forbidden), $"status {response.StatusCode}");
                expect(route + " (own)", await Logged(mine) == before + (answers ? 1 : 0), "change not logged once");
            }
        }

        // Handing over: the hospital, for an episode of its scope (the completed one, not handed over yet); nobody else's.
        {
            var route = "POST hjem/handovers";
            object Form(PersonDataScenario.Place p) => new
            {
                episodeId = scenario.Completed[p.Organisation].EpisodeId, municipality = "0301", diagnosedOn = scenario.Today.PlusDays(-30).ToString("yyyy-MM-dd", null),
                topics = new[] { "work" },
            };
            var otherDone = scenario.Completed[other.Organisation];
            var before = await scenario.LogEntriesAsync(caller.LogUser, otherDone.NationalId);
            var response = await client.PostAsJsonAsync("/api/v1/hjem/handovers", Form(other), ct);
            expect(route + " (other)", response.StatusCode == (caller.Reads ? HttpStatusCode.NotFound : hjem ? HttpStatusCode.Forbidden : refused), $"status {response.StatusCode}");
            expect(route + " (other)", await scenario.LogEntriesAsync(caller.LogUser, otherDone.NationalId) == before, "logged a change that was refused");
            if (own is not null)
            {
                var ownDone = scenario.Completed[own.Organisation];
                before = await scenario.LogEntriesAsync(caller.LogUser, ownDone.NationalId);
                response = await client.PostAsJsonAsync("/api/v1/hjem/handovers", Form(own), ct);
                expect(route + " (own)", response.StatusCode == HttpStatusCode.Created, $"status {response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                expect(route + " (own)", await scenario.LogEntriesAsync(caller.LogUser, ownDone.NationalId) == before + 1, "change not logged once");
            }
        }
    }
}
