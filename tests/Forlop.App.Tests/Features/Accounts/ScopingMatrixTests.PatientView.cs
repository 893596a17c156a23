using System.Net;
using System.Net.Http.Json;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Accounts;

/// <summary>
/// The matrix's rows for the patient's own view and experience surveys (issue 13, decision 0029): no staff caller gets
/// into /api/v1/me; a survey link is made only for an ended pathway of the caller's scope; answering and the results
/// need no sign-in and name nobody. The patient's side is PatientView/PatientViewTests.
/// </summary>
public partial class ScopingMatrixTests
{
    // A property, not a field: CoveredRoutes reads it while the class is initialised, and fields of partial files start in no set order.
    private static string[] PatientViewRoutes =>
    [
        "GET /api/v1/me/pathways",
        "GET /api/v1/me/access-log",
        "GET /api/v1/me/consents",
        "POST /api/v1/me/consents",
        "DELETE /api/v1/me/consents/{id:long}",
        "GET /api/v1/me/shared-with-me",
        "GET /api/v1/me/shared-with-me/{consentId:long}/pathways",
        "POST /api/v1/episodes/{id:long}/survey-invitations",
        "GET /api/v1/surveys/{token}",
        "POST /api/v1/surveys/{token}",
        "GET /api/v1/survey-results",
    ];

    private static async Task ExpectPatientViewAsync(HttpClient client, PersonDataScenario scenario, Caller caller, PersonDataScenario.Place? own, PersonDataScenario.Place other,
        HttpStatusCode refused, Action<string, bool, string> expect)
    {
        var ct = TestContext.Current.CancellationToken;
        var places = scenario.Places.Values.Concat(scenario.Completed.Values).ToList();

        // The patient's routes take a patient's sign-in only: every staff cookie and token is as good as none.
        foreach (var path in new[] { "/api/v1/me/pathways", "/api/v1/me/access-log", "/api/v1/me/consents", "/api/v1/me/shared-with-me", "/api/v1/me/shared-with-me/1/pathways" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
            expect("GET " + path, response.StatusCode == HttpStatusCode.Unauthorized, $"status {response.StatusCode}");
        }
        {
            var response = await client.PostAsJsonAsync("/api/v1/me/consents", new { relativeNationalId = TestPatients.Number(600), relativeName = "X" }, ct);
            expect("POST /api/v1/me/consents", response.StatusCode == HttpStatusCode.Unauthorized, $"status {response.StatusCode}");
            response = await client.DeleteAsync(new Uri("/api/v1/me/consents/1", UriKind.Relative), ct);
            expect("DELETE /api/v1/me/consents/{id}", response.StatusCode == HttpStatusCode.Unauthorized, $"status {response.StatusCode}");
        }

        // A survey link: another scope's ended pathway is not found and nothing is made; the own one for those who read person data.
        {
            var route = "POST episodes/{id}/survey-invitations";
            var otherEnded = scenario.Completed[other.Organisation];
            var before = await scenario.LogEntriesAsync(caller.LogUser, otherEnded.NationalId);
            var response = await client.PostAsJsonAsync($"/api/v1/episodes/{otherEnded.EpisodeId}/survey-invitations", new { kind = "patient" }, ct);
            var otherInScope = own is not null && caller.Sees(other, own);
            expect(route + " (other)", response.StatusCode == (otherInScope ? HttpStatusCode.Created : caller.Reads ? HttpStatusCode.NotFound : refused), $"status {response.StatusCode}");
            expect(route + " (other)", otherInScope || await scenario.LogEntriesAsync(caller.LogUser, otherEnded.NationalId) == before, "logged a change that was refused");
            expect(route + " (other)", otherInScope || await InvitationsAsync(scenario, otherEnded.EpisodeId) == 0, "made a link for the other patient");
            if (own is not null)
            {
                var ownEnded = scenario.Completed[own.Organisation];
                before = await scenario.LogEntriesAsync(caller.LogUser, ownEnded.NationalId);
                response = await client.PostAsJsonAsync($"/api/v1/episodes/{ownEnded.EpisodeId}/survey-invitations", new { kind = "relative" }, ct);
                expect(route + " (own)", response.StatusCode == HttpStatusCode.Created, $"status {response.StatusCode}");
                expect(route + " (own)", await scenario.LogEntriesAsync(caller.LogUser, ownEnded.NationalId) == before + 1, "change not logged once");
            }
        }

        // Answering and the results: no sign-in needed, no person named.
        {
            var response = await client.GetAsync(new Uri("/api/v1/surveys/unknown-token", UriKind.Relative), ct);
            expect("GET /api/v1/surveys/{token}", response.StatusCode == HttpStatusCode.NotFound, $"status {response.StatusCode}");
            response = await client.PostAsJsonAsync("/api/v1/surveys/unknown-token", new { scores = new { q1 = 5 } }, ct);
            expect("POST /api/v1/surveys/{token}", response.StatusCode == HttpStatusCode.NotFound, $"status {response.StatusCode}");
            response = await client.GetAsync(new Uri($"/api/v1/survey-results?period={scenario.Today.Year}", UriKind.Relative), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            expect("GET /api/v1/survey-results", response.StatusCode == HttpStatusCode.OK, $"status {response.StatusCode}");
            foreach (var place in places)
            {
                expect("GET /api/v1/survey-results", !body.Contains(place.NationalId, StringComparison.Ordinal), $"names {place.Organisation}'s patient");
            }
        }
    }

    private static async Task<int> InvitationsAsync(PersonDataScenario scenario, long episodeId)
    {
        await using var db = scenario.OpenDb();
        return await db.SurveyInvitations.CountAsync(i => i.EpisodeId == episodeId);
    }
}
