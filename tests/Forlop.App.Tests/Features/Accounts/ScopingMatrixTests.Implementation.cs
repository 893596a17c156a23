using System.Net;
using System.Net.Http.Json;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Accounts;

/// <summary>The matrix's rows for the implementation tracker (issue 13, item 5; decision 0032): figures, no person data.</summary>
public partial class ScopingMatrixTests
{
    private static string[] ImplementationRoutes =>
    [
        "GET /api/v1/implementation/",
        "GET /api/v1/implementation/{owner}",
        "PUT /api/v1/implementation/{owner}/{measure}",
    ];

    /// <summary>
    /// Every signed-in staff role reads the tracker, a hospital system's token does not; the national administrator
    /// reports for any owner, a clinical lead for her own HF only, a municipality's coordinator for her municipality only,
    /// nobody else for anyone. A refused report stores nothing.
    /// </summary>
    private static async Task ExpectImplementationAsync(HttpClient client, PersonDataScenario scenario, Caller caller, HttpStatusCode refused, Action<string, bool, string> expect)
    {
        var ct = TestContext.Current.CancellationToken;
        var token = caller.Name.StartsWith("token:", StringComparison.Ordinal);
        var reads = caller.Name != "anonymous" && !token;
        var readStatus = reads ? HttpStatusCode.OK : refused;
        foreach (var path in new[] { "/api/v1/implementation", "/api/v1/implementation/OUS", "/api/v1/implementation/HB" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
            expect("GET " + path, response.StatusCode == readStatus, $"status {response.StatusCode}");
        }
        foreach (var (owner, measure) in new[] { ("OUS", "cancer-mdt"), ("HB", "cancer-mdt"), ("0301", "hjem-municipal-contact-point"), ("4601", "hjem-municipal-contact-point") })
        {
            var route = $"PUT /api/v1/implementation/{owner}/{measure}";
            var mayReport = caller.Name == "admin" || (caller.Name == "leder" && owner == "OUS") || (caller.Name == "kommune-oslo" && owner == "0301");
            await using var before = scenario.OpenDb();
            var stored = await before.ImplementationStatuses.CountAsync(s => s.Owner == owner, ct);
            var response = await client.PutAsJsonAsync($"/api/v1/implementation/{owner}/{measure}", new { status = "in-progress", evidence = "Plan i arbeid" }, ct);
            var expected = mayReport ? HttpStatusCode.OK : reads ? HttpStatusCode.Forbidden : refused;
            expect(route, response.StatusCode == expected, $"status {response.StatusCode}, expected {expected}");
            await using var after = scenario.OpenDb();
            expect(route, await after.ImplementationStatuses.CountAsync(s => s.Owner == owner, ct) == stored + (mayReport ? 1 : 0), "stored a report it should not, or none");
        }
    }
}
