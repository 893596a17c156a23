using System.Net;
using System.Net.Http.Json;
using Forlop.App.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Forlop.App.Tests.Features.Accounts;

/// <summary>
/// Every API route that touches person data × every role × the caller's own and another HF (or unit): the own
/// patient is served and the access is logged; the other patient is neither shown nor changed, and nothing is
/// logged as read. Each actor's row runs on a fresh registry so changes of one row do not colour the next.
/// </summary>
public partial class ScopingMatrixTests
{
    /// <summary>Who calls: a demo user, a hospital system's token, or nobody. Own and Other name places of <see cref="PersonDataScenario"/>.</summary>
    public sealed record Caller(string Name, string LogUser, string? Own, string Other, bool Reads, bool Changes, bool Assigns, bool Administers, bool DrillsDown)
    {
        /// <summary>The places whose patients the caller may see: her whole HF unless she is limited to a unit.</summary>
        public bool Sees(PersonDataScenario.Place place, PersonDataScenario.Place? own) =>
            own is not null && (place == own || (Name != "koordinator-kir" && place.Hf == own.Hf));
    }

    private static readonly Caller[] All =
    [
        new("koordinator", "koordinator", Own: "OUS", Other: "HB", Reads: true, Changes: true, Assigns: true, Administers: false, DrillsDown: true),
        // A coordinator limited to one unit: the HF's own patients outside her unit are "other".
        new("koordinator-kir", "koordinator-kir", Own: PersonDataScenario.Unit, Other: "OUS", Reads: true, Changes: true, Assigns: true, Administers: false, DrillsDown: true),
        new("koordinator-bergen", "koordinator-bergen", Own: "HB", Other: "OUS", Reads: true, Changes: true, Assigns: true, Administers: false, DrillsDown: true),
        // A clinical lead reads her HF's person data but does not code measurement points.
        new("leder", "leder", Own: PersonDataScenario.Unit, Other: "HB", Reads: true, Changes: false, Assigns: true, Administers: false, DrillsDown: true),
        new("analytiker-region", "analytiker-region", Own: null, Other: "OUS", Reads: false, Changes: false, Assigns: false, Administers: false, DrillsDown: false),
        new("analytiker-nasjonal", "analytiker-nasjonal", Own: null, Other: "OUS", Reads: false, Changes: false, Assigns: false, Administers: false, DrillsDown: false),
        new("admin", "admin", Own: null, Other: "OUS", Reads: false, Changes: false, Assigns: false, Administers: true, DrillsDown: false),
        new("token:OUS", "api:dips-ous", Own: "OUS", Other: "HB", Reads: true, Changes: true, Assigns: false, Administers: false, DrillsDown: false),
        new("token:HB", "api:dips-hb", Own: "HB", Other: "OUS", Reads: true, Changes: true, Assigns: false, Administers: false, DrillsDown: false),
        new("anonymous", "", Own: null, Other: "OUS", Reads: false, Changes: false, Assigns: false, Administers: false, DrillsDown: false),
        // A municipality's Pakkeforløp hjem coordinator (Oslo): no hospital person data; her residents handed on (ScopingMatrixTests.ContactPointsAndHjem.cs).
        new("kommune-oslo", "kommune-oslo", Own: null, Other: "OUS", Reads: false, Changes: false, Assigns: false, Administers: false, DrillsDown: false),
    ];

    public static readonly TheoryData<string, DatabaseKind> Callers = Matrix();

    /// <summary>Whose figures each caller sees (the regional analyst is of Helse Sør-Øst, which holds OUS and not HB).</summary>
    private static readonly Dictionary<string, string[]> FiguresOf = new(StringComparer.Ordinal)
    {
        ["koordinator"] = ["OUS"],
        ["koordinator-kir"] = ["OUS"],
        ["koordinator-bergen"] = ["HB"],
        ["leder"] = ["OUS"],
        ["analytiker-region"] = ["OUS"],
        ["analytiker-nasjonal"] = ["OUS", "HB"],
    };

    /// <summary>The routes this matrix covers; <see cref="EveryPersonDataRoute_IsInTheMatrix"/> fails when the app has one more.</summary>
    private static readonly string[] CoveredRoutes =
    [
        "GET /api/v1/tracking-list",
        "GET /api/v1/episodes/{id:long}",
        "PUT /api/v1/episodes/{id:long}/coordinator",
        "PUT /api/v1/episodes/{id:long}/deviation-reasons/{interval}",
        "GET /api/v1/bottlenecks",
        "GET /api/v1/transfer-days",
        "PUT /api/v1/episodes/{id:long}/recommended-actions/{action}",
        "GET /api/v1/recommended-actions",
        "GET /api/v1/patients/{nationalId}/episodes",
        "POST /api/v1/events",
        "POST /api/v1/events/{id:long}/corrections",
        "POST /api/v1/events/{id:long}/withdrawal",
        "GET /api/v1/access-log/",
        "GET /api/v1/access-log/verification",
        "GET /api/v1/access-log/patients/{nationalId}.csv",
        "GET /api/v1/dashboard/episodes",
        "GET /api/v1/dashboard/episodes/export",
        .. MdtAndSlotRoutes,
        .. ImplementationRoutes,
        .. PatientViewRoutes,
        .. FeedbackAndCountingRoutes,
        .. ContactPointsAndHjemRoutes,
        "GET /fhir/EpisodeOfCare",
        "POST /fhir/EpisodeOfCare/_search",
        "GET /fhir/EpisodeOfCare/{id}",
        "GET /fhir/Encounter",
        "GET /fhir/Encounter/{id}",
        "POST /fhir/",
    ];

    private static TheoryData<string, DatabaseKind> Matrix()
    {
        var data = new TheoryData<string, DatabaseKind>();
        foreach (var caller in All)
        {
            data.Add(caller.Name, DatabaseKind.Sqlite);
            data.Add(caller.Name, DatabaseKind.Postgres);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task EveryRoute_ServesAndLogsOwnPatients_AndRefusesOthers(string callerName, DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var caller = All.Single(c => c.Name == callerName);
        await using var scenario = await PersonDataScenario.StartAsync(kind, completed: true);
        using var client = caller.Name switch
        {
            "anonymous" => scenario.Anonymous(),
            var n when n.StartsWith("token:", StringComparison.Ordinal) => scenario.WithToken(n["token:".Length..]),
            var n => await scenario.SignedInAsync(n),
        };
        var refused = caller.Name == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
        var failures = new List<string>();
        void Expect(string route, bool condition, string what)
        {
            if (!condition)
            {
                failures.Add($"{route}: {what}");
            }
        }

        var other = scenario.Places[caller.Other];
        var own = caller.Own is null ? null : scenario.Places[caller.Own];
        var places = scenario.Places.Values.ToList();

        // Tracking list: own patients listed and logged; nobody else's.
        {
            var route = "GET tracking-list";
            var response = await client.GetAsync(new Uri("/api/v1/tracking-list", UriKind.Relative), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            Expect(route, response.StatusCode == (caller.Reads ? HttpStatusCode.OK : refused), $"status {response.StatusCode}");
            foreach (var place in places.Where(p => !caller.Sees(p, own)))
            {
                Expect(route, !body.Contains(place.NationalId, StringComparison.Ordinal), $"shows {place.Organisation}'s patient");
            }
            if (own is not null)
            {
                Expect(route, body.Contains(own.NationalId, StringComparison.Ordinal), "does not show the caller's own patient");
                Expect(route, await scenario.LogEntriesAsync(caller.LogUser, own.NationalId) > 0, "did not log the patients it showed");
            }
        }

        // Reading one episode, and a patient's episodes.
        foreach (var (route, path) in new (string, Func<PersonDataScenario.Place, string>)[]
                 {
                     ("GET episodes/{id}", p => $"/api/v1/episodes/{p.EpisodeId}"),
                     ("GET patients/{nin}/episodes", p => $"/api/v1/patients/{p.NationalId}/episodes"),
                 })
        {
            var before = await scenario.LogEntriesAsync(caller.LogUser, other.NationalId);
            var response = await client.GetAsync(new Uri(path(other), UriKind.Relative), ct);
            // A person-data caller cannot tell another HF's episode or patient from a missing one (issue 16).
            Expect(route + " (other)", response.StatusCode == (caller.Reads ? HttpStatusCode.NotFound : refused), $"status {response.StatusCode}");
            Expect(route + " (other)", !(await response.Content.ReadAsStringAsync(ct)).Contains(other.NationalId, StringComparison.Ordinal), "the body names the other patient");
            Expect(route + " (other)", await scenario.LogEntriesAsync(caller.LogUser, other.NationalId) == before, "logged a read that showed nothing");
            if (own is not null)
            {
                before = await scenario.LogEntriesAsync(caller.LogUser, own.NationalId);
                response = await client.GetAsync(new Uri(path(own), UriKind.Relative), ct);
                Expect(route + " (own)", response.StatusCode == HttpStatusCode.OK, $"status {response.StatusCode}");
                Expect(route + " (own)", await scenario.LogEntriesAsync(caller.LogUser, own.NationalId) == before + 1, "was not logged once");
            }
        }

        // Assigning a coordinator.
        {
            var route = "PUT episodes/{id}/coordinator";
            var response = await AssignAsync(client, other.EpisodeId);
            Expect(route + " (other)", response.StatusCode == (caller.Reads ? HttpStatusCode.NotFound : refused), $"status {response.StatusCode}");
            if (own is not null)
            {
                var before = await scenario.LogEntriesAsync(caller.LogUser, own.NationalId);
                response = await AssignAsync(client, own.EpisodeId);
                Expect(route + " (own)", response.StatusCode == (caller.Assigns ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden), $"status {response.StatusCode}");
                Expect(route + " (own)", await scenario.LogEntriesAsync(caller.LogUser, own.NationalId) == before + (caller.Assigns ? 1 : 0), "change not logged once");
            }
        }

        // Recording a deviation reason: OF1 of every place's episode is over its standard (10 of 7 days).
        {
            var route = "PUT episodes/{id}/deviation-reasons/{interval}";
            var before = await scenario.LogEntriesAsync(caller.LogUser, other.NationalId);
            var response = await client.PutAsJsonAsync($"/api/v1/episodes/{other.EpisodeId}/deviation-reasons/OF1", new { cause = "transfer" }, ct);
            Expect(route + " (other)", response.StatusCode == (caller.Reads ? HttpStatusCode.NotFound : refused), $"status {response.StatusCode}");
            Expect(route + " (other)", await scenario.LogEntriesAsync(caller.LogUser, other.NationalId) == before, "logged a change that was refused");
            Expect(route + " (other)", await ReasonCountAsync(scenario, other.EpisodeId) == 0, "stored a reason");
            if (own is not null)
            {
                before = await scenario.LogEntriesAsync(caller.LogUser, own.NationalId);
                response = await client.PutAsJsonAsync($"/api/v1/episodes/{own.EpisodeId}/deviation-reasons/OF1", new { cause = "transfer" }, ct);
                Expect(route + " (own)", response.StatusCode == (caller.Changes ? HttpStatusCode.OK : HttpStatusCode.Forbidden), $"status {response.StatusCode}");
                Expect(route + " (own)", await scenario.LogEntriesAsync(caller.LogUser, own.NationalId) == before + (caller.Changes ? 1 : 0), "change not logged once");
                Expect(route + " (own)", await ReasonCountAsync(scenario, own.EpisodeId) == (caller.Changes ? 1 : 0), "stored or not stored wrongly");
            }
        }

        // Ticking a recommended action of the A01 episode (the patient told who her coordinator is).
        {
            var route = "PUT episodes/{id}/recommended-actions/{action}";
            var before = await scenario.LogEntriesAsync(caller.LogUser, other.NationalId);
            var response = await client.PutAsJsonAsync($"/api/v1/episodes/{other.EpisodeId}/recommended-actions/coordinator-named", new { done = true }, ct);
            Expect(route + " (other)", response.StatusCode == (caller.Reads ? HttpStatusCode.NotFound : refused), $"status {response.StatusCode}");
            Expect(route + " (other)", await scenario.LogEntriesAsync(caller.LogUser, other.NationalId) == before, "logged a change that was refused");
            Expect(route + " (other)", await ActionCountAsync(scenario, other.EpisodeId) == 0, "stored an action");
            if (own is not null)
            {
                before = await scenario.LogEntriesAsync(caller.LogUser, own.NationalId);
                response = await client.PutAsJsonAsync($"/api/v1/episodes/{own.EpisodeId}/recommended-actions/coordinator-named", new { done = true }, ct);
                Expect(route + " (own)", response.StatusCode == (caller.Changes ? HttpStatusCode.OK : HttpStatusCode.Forbidden), $"status {response.StatusCode}");
                Expect(route + " (own)", await scenario.LogEntriesAsync(caller.LogUser, own.NationalId) == before + (caller.Changes ? 1 : 0), "change not logged once");
                Expect(route + " (own)", await ActionCountAsync(scenario, own.EpisodeId) == (caller.Changes ? 1 : 0), "stored or not stored wrongly");
            }
        }

        // The share of recommended actions done: figures only, like the bottlenecks.
        foreach (var hf in new[] { "OUS", "HB" })
        {
            var route = $"GET recommended-actions ({hf})";
            var response = await client.GetAsync(new Uri($"/api/v1/recommended-actions?period={scenario.Today.Year}&hf={hf}", UriKind.Relative), ct);
            var sees = FiguresOf.TryGetValue(caller.Name, out var hfs) && hfs.Contains(hf);
            Expect(route, response.StatusCode == (sees ? HttpStatusCode.OK : refused), $"status {response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync(ct);
            foreach (var place in places)
            {
                Expect(route, !body.Contains(place.NationalId, StringComparison.Ordinal), $"names {place.Organisation}'s patient");
            }
        }

        // The bottleneck figures: figures only, for those who may see the HF's figures; no patient in them.
        foreach (var hf in new[] { "OUS", "HB" })
        {
            var route = $"GET bottlenecks ({hf})";
            var response = await client.GetAsync(new Uri($"/api/v1/bottlenecks?period={scenario.Today.Year}&hf={hf}", UriKind.Relative), ct);
            var sees = FiguresOf.TryGetValue(caller.Name, out var hfs) && hfs.Contains(hf);
            Expect(route, response.StatusCode == (sees ? HttpStatusCode.OK : refused), $"status {response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync(ct);
            foreach (var place in places)
            {
                Expect(route, !body.Contains(place.NationalId, StringComparison.Ordinal), $"names {place.Organisation}'s patient");
            }
        }

        // Days on transferred pathways: figures only, like the bottlenecks.
        foreach (var hf in new[] { "OUS", "HB" })
        {
            var route = $"GET transfer-days ({hf})";
            var response = await client.GetAsync(new Uri($"/api/v1/transfer-days?period={scenario.Today.Year}&hf={hf}", UriKind.Relative), ct);
            var sees = FiguresOf.TryGetValue(caller.Name, out var hfs) && hfs.Contains(hf);
            Expect(route, response.StatusCode == (sees ? HttpStatusCode.OK : refused), $"status {response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync(ct);
            foreach (var place in places)
            {
                Expect(route, !body.Contains(place.NationalId, StringComparison.Ordinal), $"names {place.Organisation}'s patient");
            }
        }
        // MDT meetings and reserved slots (ScopingMatrixTests.MdtAndSlots.cs).
        await ExpectMdtAndSlotsAsync(client, scenario, caller, own, other, refused, Expect);
        // The implementation tracker (ScopingMatrixTests.Implementation.cs): figures of organisations, no person data.
        await ExpectImplementationAsync(client, scenario, caller, refused, Expect);
        // The patient's own view and experience surveys (ScopingMatrixTests.PatientView.cs).
        await ExpectPatientViewAsync(client, scenario, caller, own, other, refused, Expect);
        // Feedback per delivery and "Will this patient count?" (ScopingMatrixTests.FeedbackAndCounting.cs).
        await ExpectFeedbackAndCountingAsync(client, scenario, caller, own, other, refused, Expect);
        // The contact-point directory and Pakkeforløp hjem (ScopingMatrixTests.ContactPointsAndHjem.cs).
        await ExpectContactPointsAndHjemAsync(client, scenario, caller, own, other, refused, Expect);
        // FHIR (decision 0027): the REST API's scoping, tokens and access log, answered as FHIR resources.
        {
            var route = "GET /fhir/EpisodeOfCare";
            var response = await client.GetAsync(new Uri("/fhir/EpisodeOfCare", UriKind.Relative), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            Expect(route, response.StatusCode == (caller.Reads ? HttpStatusCode.OK : refused), $"status {response.StatusCode}");
            foreach (var place in places.Where(p => !caller.Sees(p, own)))
            {
                Expect(route, !body.Contains(place.NationalId, StringComparison.Ordinal), $"shows {place.Organisation}'s patient");
            }
            if (own is not null)
            {
                Expect(route, body.Contains(own.NationalId, StringComparison.Ordinal), "does not show the caller's own patient");
            }
        }
        foreach (var (route, path, search) in new (string, Func<PersonDataScenario.Place, string>, bool)[]
                 {
                     ("GET /fhir/EpisodeOfCare/{id}", p => $"/fhir/EpisodeOfCare/{p.EpisodeId}", false),
                     ("GET /fhir/Encounter/{id}", p => $"/fhir/Encounter/{p.StartEventId}", false),
                     ("GET /fhir/Encounter?episode-of-care", p => $"/fhir/Encounter?episode-of-care=EpisodeOfCare/{p.EpisodeId}", true),
                 })
        {
            var before = await scenario.LogEntriesAsync(caller.LogUser, other.NationalId);
            var response = await client.GetAsync(new Uri(path(other), UriKind.Relative), ct);
            // A search finds nothing of another's; a read answers as for a missing resource.
            Expect(route + " (other)", response.StatusCode == (!caller.Reads ? refused : search ? HttpStatusCode.OK : HttpStatusCode.NotFound), $"status {response.StatusCode}");
            Expect(route + " (other)", !(await response.Content.ReadAsStringAsync(ct)).Contains(other.NationalId, StringComparison.Ordinal), "the body names the other patient");
            Expect(route + " (other)", await scenario.LogEntriesAsync(caller.LogUser, other.NationalId) == before, "logged a read that showed nothing");
            if (own is not null)
            {
                before = await scenario.LogEntriesAsync(caller.LogUser, own.NationalId);
                response = await client.GetAsync(new Uri(path(own), UriKind.Relative), ct);
                Expect(route + " (own)", response.StatusCode == HttpStatusCode.OK, $"status {response.StatusCode}");
                Expect(route + " (own)", (await response.Content.ReadAsStringAsync(ct)).Contains(own.NationalId, StringComparison.Ordinal), "does not show the own patient");
                Expect(route + " (own)", await scenario.LogEntriesAsync(caller.LogUser, own.NationalId) == before + 1, "was not logged once");
            }
        }
        {
            var route = "POST /fhir/EpisodeOfCare/_search";
            Task<HttpResponseMessage> Search(PersonDataScenario.Place p) => client.PostAsync(new Uri(route["POST ".Length..], UriKind.Relative),
                new FormUrlEncodedContent([new("patient:identifier", $"{Forlop.App.Features.Fhir.FhirSystems.BirthNumber}|{p.NationalId}")]), ct);
            var before = await scenario.LogEntriesAsync(caller.LogUser, other.NationalId);
            var response = await Search(other);
            Expect(route + " (other)", response.StatusCode == (caller.Reads ? HttpStatusCode.OK : refused), $"status {response.StatusCode}");
            Expect(route + " (other)", !(await response.Content.ReadAsStringAsync(ct)).Contains(other.NationalId, StringComparison.Ordinal), "the body names the other patient");
            Expect(route + " (other)", await scenario.LogEntriesAsync(caller.LogUser, other.NationalId) == before, "logged a read that showed nothing");
            if (own is not null)
            {
                before = await scenario.LogEntriesAsync(caller.LogUser, own.NationalId);
                response = await Search(own);
                Expect(route + " (own)", (await response.Content.ReadAsStringAsync(ct)).Contains(own.NationalId, StringComparison.Ordinal), "does not show the own patient");
                Expect(route + " (own)", await scenario.LogEntriesAsync(caller.LogUser, own.NationalId) == before + 1, "was not logged once");
            }
        }
        {
            var route = "POST /fhir (transaction)";
            var fhirPatient = TestPatients.Number(110);
            async Task<(HttpStatusCode Status, string Body)> SendAsync(PersonDataScenario.Place p)
            {
                var bundle = new Hl7.Fhir.Model.Bundle { Type = Hl7.Fhir.Model.Bundle.BundleType.Transaction };
                bundle.Entry.Add(new Hl7.Fhir.Model.Bundle.EntryComponent
                {
                    Resource = Fhir.FhirApiTests.Point(fhirPatient, p.Organisation, "A01A", scenario.Today.PlusDays(-1).ToString("yyyy-MM-dd", null), "fhir-" + p.Organisation),
                    Request = new Hl7.Fhir.Model.Bundle.RequestComponent { Method = Hl7.Fhir.Model.Bundle.HTTPVerb.POST, Url = "Encounter" },
                });
                var content = new StringContent(System.Text.Json.JsonSerializer.Serialize(bundle, Forlop.App.Features.Fhir.FhirJson.Options),
                    System.Text.Encoding.UTF8, Forlop.App.Features.Fhir.FhirJson.MediaType);
                var response = await client.PostAsync(new Uri("/fhir", UriKind.Relative), content, ct);
                return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
            }
            var before = await EventCountAsync(scenario);
            var (status, body) = await SendAsync(other);
            Expect(route + " (other)", status == (caller.Reads ? HttpStatusCode.OK : refused), $"status {status}");
            Expect(route + " (other)", !caller.Reads || body.Contains("\"403 Forbidden\"", StringComparison.Ordinal), $"the entry was not refused: {body}");
            Expect(route + " (other)", await EventCountAsync(scenario) == before, "stored a row");
            if (own is not null)
            {
                var logged = await scenario.LogEntriesAsync(caller.LogUser, fhirPatient);
                (status, body) = await SendAsync(own);
                Expect(route + " (own)", status == HttpStatusCode.OK, $"status {status}");
                Expect(route + " (own)", body.Contains(caller.Changes ? "\"201 Created\"" : "\"403 Forbidden\"", StringComparison.Ordinal), $"entry answered wrongly: {body}");
                Expect(route + " (own)", await scenario.LogEntriesAsync(caller.LogUser, fhirPatient) == logged + (caller.Changes ? 1 : 0), "change not logged once");
            }
        }

        // Registering, correcting and withdrawing.
        var newPatient = TestPatients.Number(100);
        var day = scenario.Today.PlusDays(-1).ToString("yyyy-MM-dd", null);
        foreach (var (route, send) in new (string, Func<PersonDataScenario.Place, Task<HttpResponseMessage>>)[]
                 {
                     ("POST events", p => client.PostAsJsonAsync("/api/v1/events", new { nationalId = newPatient, organisation = p.Organisation, code = "A01A", date = day }, ct)),
                     ("POST events/{id}/corrections", async p => await SendWithVersionAsync(client, scenario, p, $"/api/v1/events/{await scenario.HeadOfChainAsync(p.StartEventId)}/corrections",
                         JsonContent.Create(new { code = "A01A", date = scenario.Today.PlusDays(-19).ToString("yyyy-MM-dd", null) }))),
                     ("POST events/{id}/withdrawal", async p => await SendWithVersionAsync(client, scenario, p, $"/api/v1/events/{p.AttendanceEventId}/withdrawal", null)),
                 })
        {
            var before = await EventCountAsync(scenario);
            var response = await send(other);
            Expect(route + " (other)", response.StatusCode == refused, $"status {response.StatusCode}");
            Expect(route + " (other)", await EventCountAsync(scenario) == before, "stored a row");
            if (own is not null)
            {
                var patient = route == "POST events" ? newPatient : own.NationalId;
                var logged = await scenario.LogEntriesAsync(caller.LogUser, patient);
                response = await send(own);
                var body = await response.Content.ReadAsStringAsync(ct);
                Expect(route + " (own)", response.StatusCode == (caller.Changes ? HttpStatusCode.Created : HttpStatusCode.Forbidden), $"status {response.StatusCode}: {body}");
                Expect(route + " (own)", await scenario.LogEntriesAsync(caller.LogUser, patient) == logged + (caller.Changes ? 1 : 0), "change not logged once");
                newPatient = TestPatients.Number(101);
            }
        }

        // Drilling down from a dashboard figure (coordinators and clinical leads only): the patients behind the own
        // HF's or unit's figure listed and logged; another's figure refused, nothing shown or logged.
        {
            var route = "GET dashboard/episodes";
            string Path(PersonDataScenario.Place p) =>
                $"/api/v1/dashboard/episodes?period={scenario.CompletedPeriod}&{(p.Organisation == p.Hf ? "hf" : "unit")}={p.Organisation}";
            var otherDone = scenario.Completed[caller.Other];
            var before = await scenario.LogEntriesAsync(caller.LogUser, otherDone.NationalId);
            var response = await client.GetAsync(new Uri(Path(otherDone), UriKind.Relative), ct);
            Expect(route + " (other)", response.StatusCode == refused, $"status {response.StatusCode}");
            Expect(route + " (other)", !(await response.Content.ReadAsStringAsync(ct)).Contains(otherDone.NationalId, StringComparison.Ordinal), "the body names the other patient");
            Expect(route + " (other)", await scenario.LogEntriesAsync(caller.LogUser, otherDone.NationalId) == before, "logged a read that showed nothing");
            if (own is not null)
            {
                var ownDone = scenario.Completed[caller.Own!];
                before = await scenario.LogEntriesAsync(caller.LogUser, ownDone.NationalId);
                response = await client.GetAsync(new Uri(Path(ownDone), UriKind.Relative), ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                Expect(route + " (own)", response.StatusCode == (caller.DrillsDown ? HttpStatusCode.OK : HttpStatusCode.Forbidden), $"status {response.StatusCode}");
                Expect(route + " (own)", body.Contains(ownDone.NationalId, StringComparison.Ordinal) == caller.DrillsDown, "the own patient shown or not shown wrongly");
                Expect(route + " (own)", await scenario.LogEntriesAsync(caller.LogUser, ownDone.NationalId) == before + (caller.DrillsDown ? 1 : 0), "not logged once per patient shown");
            }
        }

        // The drill-down as a file: the same who-may as the list, the own patient in the file logged once for this
        // export, another's figure refused with nothing in the body and nothing logged; never cached.
        {
            var route = "GET dashboard/episodes/export";
            string Path(PersonDataScenario.Place p) =>
                $"/api/v1/dashboard/episodes/export?period={scenario.CompletedPeriod}&{(p.Organisation == p.Hf ? "hf" : "unit")}={p.Organisation}&format=csv-nb";
            var otherDone = scenario.Completed[caller.Other];
            var before = await scenario.LogEntriesAsync(caller.LogUser, otherDone.NationalId);
            var response = await client.GetAsync(new Uri(Path(otherDone), UriKind.Relative), ct);
            Expect(route + " (other)", response.StatusCode == refused, $"status {response.StatusCode}");
            Expect(route + " (other)", !(await response.Content.ReadAsStringAsync(ct)).Contains(otherDone.NationalId, StringComparison.Ordinal), "the body names the other patient");
            Expect(route + " (other)", await scenario.LogEntriesAsync(caller.LogUser, otherDone.NationalId) == before, "logged a read that showed nothing");
            if (own is not null)
            {
                var ownDone = scenario.Completed[caller.Own!];
                before = await scenario.LogEntriesAsync(caller.LogUser, ownDone.NationalId);
                response = await client.GetAsync(new Uri(Path(ownDone), UriKind.Relative), ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                Expect(route + " (own)", response.StatusCode == (caller.DrillsDown ? HttpStatusCode.OK : HttpStatusCode.Forbidden), $"status {response.StatusCode}");
                Expect(route + " (own)", body.Contains(ownDone.NationalId, StringComparison.Ordinal) == caller.DrillsDown, "the own patient in the file or not wrongly");
                Expect(route + " (own)", await scenario.LogEntriesAsync(caller.LogUser, ownDone.NationalId) == before + (caller.DrillsDown ? 1 : 0), "not logged once per patient in the file");
                Expect(route + " (own)", !caller.DrillsDown || response.Headers.CacheControl?.NoStore == true, "a file of patients that may be cached");
            }
        }

        // The new-referral page: for people who see person data, signed in (hospital systems use POST events). It shows
        // no patient until one is looked up, over the live connection, with GET patients/{nin}/episodes' own scoped query.
        if (!caller.Name.StartsWith("token:", StringComparison.Ordinal))
        {
            var route = "GET /ny-henvisning";
            var response = await client.GetAsync(new Uri("/ny-henvisning", UriKind.Relative), ct);
            var landed = response.RequestMessage!.RequestUri!.AbsolutePath;
            var body = await response.Content.ReadAsStringAsync(ct);
            var opened = response.StatusCode == HttpStatusCode.OK && landed == "/ny-henvisning";
            Expect(route, opened == caller.Reads, $"status {response.StatusCode} at {landed}");
            foreach (var place in places)
            {
                Expect(route, !body.Contains(place.NationalId, StringComparison.Ordinal), $"shows {place.Organisation}'s patient");
            }
        }

        // The access log is the administrator's alone.
        foreach (var path in new[] { "/api/v1/access-log", "/api/v1/access-log/verification", $"/api/v1/access-log/patients/{other.NationalId}.csv" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
            Expect("GET " + path, response.StatusCode == (caller.Administers ? HttpStatusCode.OK : refused), $"status {response.StatusCode}");
        }

        Assert.True(failures.Count == 0, $"{caller.Name} on {kind}:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task EveryPersonDataRoute_IsInTheMatrix()
    {
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        var routes = scenario.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/", StringComparison.Ordinal) || e.RoutePattern.RawText!.StartsWith("/fhir/", StringComparison.Ordinal))
            // FHIR's capability statement and catalogue hold no person data.
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/fhir/metadata", StringComparison.Ordinal)
                        && !e.RoutePattern.RawText!.StartsWith("/fhir/PlanDefinition", StringComparison.Ordinal)
                        && !e.RoutePattern.RawText!.StartsWith("/fhir/CodeSystem", StringComparison.Ordinal))
            // Public figures and the catalogue hold no person data; nor do exports (figures: Exports/ExportsApiTests checks who gets them).
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/api/v1/catalogue", StringComparison.Ordinal)
                        && !e.RoutePattern.RawText!.StartsWith("/api/v1/indicators", StringComparison.Ordinal)
                        && !e.RoutePattern.RawText!.StartsWith("/api/v1/exports", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(CoveredRoutes.Order(StringComparer.Ordinal), routes);
    }

    /// <summary>The operator's probes are public: every caller, signed in or not, gets the same bare status word and nothing else.</summary>
    [Fact]
    public async Task HealthProbes_ArePublic_AndTheSameForEveryCaller()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        // The start-up probe is 503 until the instance has warmed (seconds here): wait for that once, then ask as everyone.
        using (var anonymous = scenario.Anonymous())
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while ((await anonymous.GetAsync(new Uri("/startupz", UriKind.Relative), ct)).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, ct);
            }
        }
        foreach (var caller in All)
        {
            using var client = caller.Name switch
            {
                "anonymous" => scenario.Anonymous(),
                var n when n.StartsWith("token:", StringComparison.Ordinal) => scenario.WithToken(n["token:".Length..]),
                var n => await scenario.SignedInAsync(n),
            };
            foreach (var path in new[] { "/healthz", "/readyz", "/startupz" })
            {
                var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{caller.Name} GET {path}: {response.StatusCode}");
                Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(ct));
            }
        }
    }

    /// <summary>Removes an episode's coordinator, sending the version of an episode nobody was assigned to yet.</summary>
    private static async Task<HttpResponseMessage> AssignAsync(HttpClient client, long episodeId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/episodes/{episodeId}/coordinator") { Content = JsonContent.Create(new { coordinator = (string?)null }) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"coordinator:\""));
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<HttpResponseMessage> SendWithVersionAsync(HttpClient client, PersonDataScenario scenario, PersonDataScenario.Place place, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"" + await scenario.VersionAsync(place.NationalId) + "\""));
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<int> ActionCountAsync(PersonDataScenario scenario, long episodeId)
    {
        await using var db = scenario.OpenDb();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.EpisodeActions, a => a.EpisodeId == episodeId);
    }

    private static async Task<int> ReasonCountAsync(PersonDataScenario scenario, long episodeId)
    {
        await using var db = scenario.OpenDb();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.DeviationReasons, r => r.EpisodeId == episodeId);
    }

    private static async Task<int> EventCountAsync(PersonDataScenario scenario)
    {
        await using var db = scenario.OpenDb();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Events);
    }
}
