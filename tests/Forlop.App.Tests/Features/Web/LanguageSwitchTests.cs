using System.Net;
using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Web;

/// <summary>The language switch (/sprak) sets ASP.NET Core's culture cookie and goes back to the page.</summary>
public class LanguageSwitchTests
{
    [Theory]
    [InlineData("/logg-inn?feil=1", "/logg-inn?feil=1")]
    // Only addresses on this site: anything else goes home rather than becoming an open redirect.
    [InlineData("//evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    public async Task LanguageSwitch_SetsTheCultureCookieAndRedirectsOnlyWithinTheSite(string back, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, following) = await TestWebHost.StartAsync(await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct));
        await using (app)
        using (following)
        using (var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Urls.First()) })
        {
            var response = await client.GetAsync(new Uri("/sprak?kultur=en-GB&tilbake=" + Uri.EscapeDataString(back), UriKind.Relative), ct);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(expected, response.Headers.Location!.OriginalString);
            Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den-GB%7Cuic%3Den-GB", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Pages_WithTheEnglishCookie_AreInEnglish_AndWithoutItInNorwegianWhateverTheBrowserPrefers()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, client) = await TestWebHost.StartAsync(await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct));
        await using (app)
        using (client)
        {
            using var english = new HttpRequestMessage(HttpMethod.Get, "/logg-inn?feil=1");
            english.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den-GB%7Cuic%3Den-GB");
            using var browserInEnglish = new HttpRequestMessage(HttpMethod.Get, "/logg-inn?feil=1");
            browserInEnglish.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");

            var inEnglish = await (await client.SendAsync(english, ct)).Content.ReadAsStringAsync(ct);
            var byDefault = await (await client.SendAsync(browserInEnglish, ct)).Content.ReadAsStringAsync(ct);

            Assert.Contains("<html lang=\"en\">", inEnglish, StringComparison.Ordinal);
            Assert.Contains("Wrong user name or password", inEnglish, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"nb\">", byDefault, StringComparison.Ordinal);
            Assert.Contains("Feil brukernavn eller passord", byDefault, StringComparison.Ordinal);
        }
    }
}
