using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Web;

/// <summary>Headers and cookies as ASVS 4.0 level 2 asks of a medical application (issue 16).</summary>
public partial class SecurityHeadersTests
{
    [Fact]
    public async Task PagesAndApi_CarryTheSecurityHeaders_AndThePagesOneInlineScriptHasTheNonceOfThePolicy()
    {
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var coordinator = await scenario.SignedInAsync("koordinator");
        var ct = TestContext.Current.CancellationToken;

        foreach (var path in new[] { "/", "/logg-inn", "/statistikk", $"/forlop/{scenario.Places["OUS"].EpisodeId}", "/api/v1/tracking-list", "/api/v1/catalog/pathways", "/finnes-ikke" })
        {
            using var response = await coordinator.GetAsync(new Uri(path, UriKind.Relative), ct);
            var headers = response.Headers;
            var csp = string.Join(";", headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]+';", csp);
            Assert.Equal("nosniff", Assert.Single(headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", Assert.Single(headers.GetValues("X-Frame-Options")));
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                var nonce = NonceOfPolicy().Match(csp).Groups[1].Value;
                var page = await response.Content.ReadAsStringAsync(ct);
                Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", page, StringComparison.Ordinal);
                Assert.DoesNotMatch("<script(?![^>]*(src=|nonce=))", page); // no other inline script the policy would block
            }
        }
    }

    [Fact]
    public async Task PersonData_IsNeverStored_WhilePublicFiguresStayCacheable()
    {
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var coordinator = await scenario.SignedInAsync("koordinator");
        using var system = scenario.WithToken("OUS");
        var ct = TestContext.Current.CancellationToken;
        var own = scenario.Places["OUS"];

        foreach (var (client, path) in new[]
                 {
                     (coordinator, $"/api/v1/episodes/{own.EpisodeId}"),
                     (coordinator, "/api/v1/tracking-list"),
                     (system, $"/api/v1/patients/{own.NationalId}/episodes"),
                     (coordinator, $"/forlop/{own.EpisodeId}"),
                     (coordinator, "/"),
                 })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path} may be stored: {response.Headers.CacheControl}");
        }
        using var statistics = await scenario.Anonymous().GetAsync(new Uri("/api/v1/indicators/completed-within-standard?period=2016-T3", UriKind.Relative), ct);
        Assert.Equal("public, max-age=60", statistics.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData(null, null, false)] // plain HTTP on a laptop: a Secure cookie would never come back
    [InlineData("true", null, true)] // TLS ends at a proxy that does not say so
    [InlineData(null, "https", true)] // behind a proxy that says the browser used HTTPS
    public async Task SignInCookies_AreSecure_WhenTheBrowserUsesHttps(string? secureCookies, string? forwardedProto, bool secure)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Forlop:Web:SecureCookies"] = secureCookies };
        if (forwardedProto is not null)
        {
            settings["Forlop:Web:BehindProxy"] = "true";
        }
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite, settings: settings);
        var ct = TestContext.Current.CancellationToken;
        using var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = scenario.BaseAddress };
        if (forwardedProto is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        }

        using var loginPage = await client.GetAsync(new Uri("/logg-inn", UriKind.Relative), ct);
        var antiforgeryCookie = loginPage.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var token = AntiforgeryField().Match(await loginPage.Content.ReadAsStringAsync(ct)).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/konto/logg-inn")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["userName"] = "koordinator", ["password"] = "forlop-demo", ["returnUrl"] = "/statistikk",
            }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie.Split(';')[0]);
        using var signedIn = await client.SendAsync(request, ct);
        var authCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("forlop.auth=", StringComparison.Ordinal));

        foreach (var cookie in new[] { antiforgeryCookie, authCookie })
        {
            Assert.Equal(secure, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
            Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task SignOut_WithoutTheFormsAntiforgeryToken_IsRefused_AndTheSessionGoesOn()
    {
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var coordinator = await scenario.SignedInAsync("koordinator");
        var ct = TestContext.Current.CancellationToken;

        // What a page on another site could make the browser send.
        using var forged = await coordinator.PostAsync(new Uri("/konto/logg-ut", UriKind.Relative), new FormUrlEncodedContent([]), ct);
        using var stillIn = await coordinator.GetAsync(new Uri("/api/v1/tracking-list", UriKind.Relative), ct);
        var page = await coordinator.GetStringAsync(new Uri("/statistikk", UriKind.Relative), ct);
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, "the page's sign-out form has no antiforgery field");
        using var signOut = await coordinator.PostAsync(new Uri("/konto/logg-ut", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) }), ct);
        using var afterwards = await coordinator.GetAsync(new Uri("/api/v1/tracking-list", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.EndsWith("/logg-inn", signOut.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task AnotherHfsEpisode_AnswersExactlyAsAMissingOne(DatabaseKind kind)
    {
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        using var coordinator = await scenario.SignedInAsync("koordinator");
        var ct = TestContext.Current.CancellationToken;
        var other = scenario.Places["HB"].EpisodeId;
        var missing = scenario.Places.Values.Max(p => p.EpisodeId) + 1000;

        async Task<(HttpStatusCode, string)> AnswerAsync(HttpMethod method, string path)
        {
            using var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Put)
            {
                request.Content = JsonContent.Create(new { coordinator = (string?)null });
                request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
            }
            using var response = await coordinator.SendAsync(request, ct);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!.AsObject();
            body.Remove("traceId"); // differs per request by design
            return (response.StatusCode, body.ToJsonString().Replace(other.ToString(System.Globalization.CultureInfo.InvariantCulture), "ID", StringComparison.Ordinal)
                .Replace(missing.ToString(System.Globalization.CultureInfo.InvariantCulture), "ID", StringComparison.Ordinal));
        }

        foreach (var (method, path) in new[] { (HttpMethod.Get, "/api/v1/episodes/{0}"), (HttpMethod.Put, "/api/v1/episodes/{0}/coordinator") })
        {
            var forOther = await AnswerAsync(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, other));
            var forMissing = await AnswerAsync(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, missing));
            Assert.Equal(HttpStatusCode.NotFound, forMissing.Item1);
            Assert.Equal(forMissing, forOther);
        }
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NonceOfPolicy();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
