using System.Net;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Accounts;

/// <summary>The matrix's rows for feedback per delivery and "Will this patient count?" (issue 14, items 3 and 4; decision 0031).</summary>
public partial class ScopingMatrixTests
{
    // A property, not a field: CoveredRoutes reads it while the class is initialised, and fields of partial files start in no set order.
    private static string[] FeedbackAndCountingRoutes =>
    [
        "GET /api/v1/count-preview",
        "GET /api/v1/import-feedback/",
        "GET /api/v1/import-feedback/{id:long}",
        "GET /api/v1/import-feedback/{id:long}/feedback.csv",
    ];

    /// <summary>A file with a rejected row for each place's patient: per HF, a feedback document naming its places' patients.</summary>
    private static async Task<Dictionary<string, long>> SeedFeedbackAsync(PersonDataScenario scenario)
    {
        var ct = TestContext.Current.CancellationToken;
        var day = scenario.Today.PlusDays(-1).ToString("yyyy-MM-dd", null);
        var file = EventsFiles.WriteRows([.. scenario.Places.Values.Select((p, i) => $"scope-fb{i},{p.NationalId},{p.Organisation},A01Q,{day},,")]);
        var import = await Cli.ImportAsync(scenario.Db, file);
        Assert.True(import.ExitCode == 2, import.Output + import.Error);
        await using var db = scenario.OpenDb();
        var name = Path.GetFileName(file);
        return await db.ImportFeedback.Where(f => f.Name == name).ToDictionaryAsync(f => f.Hf, f => f.Id, StringComparer.Ordinal, ct);
    }

    private static async Task ExpectFeedbackAndCountingAsync(HttpClient client, PersonDataScenario scenario, Caller caller, PersonDataScenario.Place? own, PersonDataScenario.Place other,
        HttpStatusCode refused, Action<string, bool, string> expect)
    {
        var ct = TestContext.Current.CancellationToken;
        async Task<int> Logged(PersonDataScenario.Place place) => await scenario.LogEntriesAsync(caller.LogUser, place.NationalId);
        static string Address(PersonDataScenario.Place p) => (p.Organisation == p.Hf ? "hf=" : "unit=") + p.Organisation;

        // Will this patient count: the drill-down's who-may (coordinators and clinical leads of the place), each patient shown logged.
        {
            var route = "GET count-preview";
            var before = await Logged(other);
            var response = await client.GetAsync(new Uri($"/api/v1/count-preview?period={scenario.CompletedPeriod}&{Address(other)}&pageSize=200", UriKind.Relative), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            expect(route + " (other)", response.StatusCode == (caller.Reads ? HttpStatusCode.Forbidden : refused), $"status {response.StatusCode}");
            expect(route + " (other)", !body.Contains(other.NationalId, StringComparison.Ordinal), "shows the other patient");
            expect(route + " (other)", await Logged(other) == before, "logged a read of the other patient");
            if (own is not null)
            {
                before = await Logged(own);
                response = await client.GetAsync(new Uri($"/api/v1/count-preview?period={scenario.CompletedPeriod}&{Address(own)}&pageSize=200", UriKind.Relative), ct);
                body = await response.Content.ReadAsStringAsync(ct);
                expect(route + " (own)", response.StatusCode == (caller.DrillsDown ? HttpStatusCode.OK : HttpStatusCode.Forbidden), $"status {response.StatusCode}");
                if (caller.DrillsDown)
                {
                    expect(route + " (own)", body.Contains(own.NationalId, StringComparison.Ordinal), "does not show the own open patient");
                    expect(route + " (own)", body.Contains(scenario.Completed[own.Organisation].NationalId, StringComparison.Ordinal), "does not show the own treated patient");
                    expect(route + " (own)", !body.Contains(other.NationalId, StringComparison.Ordinal), "shows the other patient");
                }
                expect(route + " (own)", await Logged(own) == before + (caller.DrillsDown ? 1 : 0), "not logged once");
            }
        }

        // Feedback per delivery: the HF's own people who see person data, not limited to units; another HF's document is not found.
        var documents = await SeedFeedbackAsync(scenario);
        var readsFeedback = caller.Reads && caller.Name != "koordinator-kir";
        {
            var route = "GET import-feedback";
            var response = await client.GetAsync(new Uri("/api/v1/import-feedback", UriKind.Relative), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            expect(route, response.StatusCode == (readsFeedback ? HttpStatusCode.OK : caller.Reads ? HttpStatusCode.Forbidden : refused), $"status {response.StatusCode}");
            foreach (var place in scenario.Places.Values)
            {
                expect(route, !body.Contains(place.NationalId, StringComparison.Ordinal), $"names {place.Organisation}'s patient");
            }
        }
        foreach (var (route, suffix) in new[] { ("GET import-feedback/{id}", ""), ("GET import-feedback/{id}/feedback.csv", "/feedback.csv") })
        {
            var otherHf = scenario.Places.Values.First(p => p.Hf != (own?.Hf ?? "")).Hf;
            var before = await Logged(other);
            var response = await client.GetAsync(new Uri($"/api/v1/import-feedback/{documents[otherHf]}{suffix}", UriKind.Relative), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            expect(route + " (other HF)", response.StatusCode == (caller.Reads ? HttpStatusCode.NotFound : refused), $"status {response.StatusCode}");
            expect(route + " (other HF)", !body.Contains(other.NationalId, StringComparison.Ordinal), "shows the other patient");
            expect(route + " (other HF)", await Logged(other) == before || (own is not null && other.Hf == own.Hf), "logged a read of the other patient");
            if (own is not null)
            {
                before = await Logged(own);
                response = await client.GetAsync(new Uri($"/api/v1/import-feedback/{documents[own.Hf]}{suffix}", UriKind.Relative), ct);
                body = await response.Content.ReadAsStringAsync(ct);
                expect(route + " (own HF)", response.StatusCode == (readsFeedback ? HttpStatusCode.OK : HttpStatusCode.NotFound), $"status {response.StatusCode}");
                expect(route + " (own HF)", !readsFeedback || body.Contains(own.NationalId, StringComparison.Ordinal), "does not show the own patient");
                expect(route + " (own HF)", await Logged(own) == before + (readsFeedback ? 1 : 0), "not logged once");
            }
        }
    }
}
