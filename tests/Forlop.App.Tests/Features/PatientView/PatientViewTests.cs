using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Forlop.App.Features.PatientView;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.PatientView;

/// <summary>
/// The patient's own view (issue 13 item 2, decision 0029): a patient sees herself and nobody else by any route, a
/// relative only with the patient's consent and not after it is withdrawn, staff sign-ins are not taken on /api/v1/me
/// and a patient's is not taken on staff routes; every read is in the access log.
/// </summary>
public partial class PatientViewTests
{
    private const string Password = "hemmelig-passord";

    /// <summary>A login for each place's patient (pasient-OUS, pasient-HB …) and one for a relative who is in no pathway.</summary>
    private static async Task<string> AddLoginsAsync(PersonDataScenario scenario)
    {
        var relative = TestPatients.Number(500);
        await using var db = scenario.OpenDb();
        foreach (var place in scenario.Places.Values)
        {
            PatientSignIn.AddLogin(db, "pasient-" + place.Organisation, place.NationalId, "Pasient " + place.Organisation, Password, DateTime.UtcNow);
        }
        PatientSignIn.AddLogin(db, "parorende", relative, "Per Pårørende", Password, DateTime.UtcNow);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return relative;
    }

    /// <summary>Signs a client in through the patient's login form, as a browser does (antiforgery token included).</summary>
    public static async Task<HttpClient> SignedInAsPatientAsync(Uri baseAddress, string login, string password = Password)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = new HttpClient { BaseAddress = baseAddress };
        var page = await client.GetStringAsync(new Uri(PatientSignIn.LoginPath, UriKind.Relative), ct);
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, "the patient's login page has no antiforgery field");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["loginName"] = login,
            ["password"] = password,
        });
        var response = await client.PostAsync(new Uri("/mitt-forlop/konto/logg-inn", UriKind.Relative), form, ct);
        Assert.Equal("/mitt-forlop", response.RequestMessage!.RequestUri!.AbsolutePath);
        return client;
    }

    [GeneratedRegex("name=\"(?<name>__RequestVerificationToken)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Patient_SeesHerselfOnly_ByEveryRoute_AndEachReadIsLogged(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        await AddLoginsAsync(scenario);
        var own = scenario.Places["OUS"];
        var others = scenario.Places.Values.Where(p => p != own).ToList();
        // Another patient gave someone consent: its id must open nothing for our patient.
        long othersConsent;
        await using (var db = scenario.OpenDb())
        {
            var consent = new Forlop.App.Data.RelativeConsentEntity
            {
                PatientNationalId = others[0].NationalId, RelativeNationalId = TestPatients.Number(501), RelativeName = "Noen", GivenAt = DateTime.UtcNow,
            };
            db.RelativeConsents.Add(consent);
            await db.SaveChangesAsync(ct);
            othersConsent = consent.Id;
        }
        using var patient = await SignedInAsPatientAsync(scenario.BaseAddress, "pasient-OUS");
        var selfUser = "innbygger:" + own.NationalId;

        var before = await scenario.LogEntriesAsync(selfUser, own.NationalId);
        var mine = await patient.GetFromJsonAsync<MyPathways>("/api/v1/me/pathways", ct);
        Assert.Equal([own.EpisodeId], mine!.Pathways.Select(p => p.EpisodeId));
        Assert.NotNull(mine.Pathways[0].Next);
        Assert.Equal(before + 1, await scenario.LogEntriesAsync(selfUser, own.NationalId));

        // Every route a patient might try for someone else: staff routes by id or identity number refuse her sign-in
        // outright; her own routes know no other patient.
        var failures = new List<string>();
        foreach (var other in others)
        {
            foreach (var path in new[]
                     {
                         $"/api/v1/episodes/{other.EpisodeId}", $"/api/v1/patients/{other.NationalId}/episodes", "/api/v1/tracking-list",
                         $"/api/v1/access-log/patients/{other.NationalId}.csv", $"/fhir/EpisodeOfCare/{other.EpisodeId}", "/fhir/EpisodeOfCare",
                         $"/api/v1/me/shared-with-me/{othersConsent}/pathways", "/api/v1/me/shared-with-me", "/api/v1/me/access-log", "/api/v1/me/consents",
                         $"/mitt-forlop?som={othersConsent}", $"/forlop/{other.EpisodeId}",
                     })
            {
                var response = await patient.GetAsync(new Uri(path, UriKind.Relative), ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (body.Contains(other.NationalId, StringComparison.Ordinal) || body.Contains($"\"episodeId\":{other.EpisodeId}", StringComparison.Ordinal))
                {
                    failures.Add($"{path} shows {other.Organisation}'s patient");
                }
                if (path.StartsWith("/api/v1/me/shared-with-me/", StringComparison.Ordinal) && response.StatusCode != HttpStatusCode.NotFound)
                {
                    failures.Add($"{path}: {response.StatusCode}, not 404");
                }
                if ((path.StartsWith("/api/v1/episodes", StringComparison.Ordinal) || path.StartsWith("/api/v1/patients", StringComparison.Ordinal)
                     || path.StartsWith("/api/v1/tracking", StringComparison.Ordinal) || path.StartsWith("/api/v1/access-log", StringComparison.Ordinal))
                    && response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{path}: {response.StatusCode}, not 401 (a patient's sign-in is no staff sign-in)");
                }
            }
            if (await scenario.LogEntriesAsync(selfUser, other.NationalId) != 0)
            {
                failures.Add($"logged a read of {other.Organisation}'s patient by our patient");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Relative_SeesThePatient_OnlyWhileHerConsentStands()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        var relativeNin = await AddLoginsAsync(scenario);
        var own = scenario.Places["OUS"];
        using var patient = await SignedInAsPatientAsync(scenario.BaseAddress, "pasient-OUS");
        using var relative = await SignedInAsPatientAsync(scenario.BaseAddress, "parorende");

        // No consent yet: nothing shared, and guessing a consent's number opens nothing.
        Assert.Empty((await relative.GetFromJsonAsync<List<SharedWithMe>>("/api/v1/me/shared-with-me", ct))!);
        Assert.Equal(HttpStatusCode.NotFound, (await relative.GetAsync(new Uri("/api/v1/me/shared-with-me/1/pathways", UriKind.Relative), ct)).StatusCode);
        Assert.Empty((await relative.GetFromJsonAsync<MyPathways>("/api/v1/me/pathways", ct))!.Pathways);

        // A consent to someone else does not open it for this relative either.
        var toSomeoneElse = await patient.PostAsJsonAsync("/api/v1/me/consents", new { relativeNationalId = TestPatients.Number(502), relativeName = "Annen" }, ct);
        Assert.Equal(HttpStatusCode.Created, toSomeoneElse.StatusCode);
        var otherConsent = (await toSomeoneElse.Content.ReadFromJsonAsync<MyConsent>(ct))!;
        Assert.Equal(HttpStatusCode.NotFound, (await relative.GetAsync(new Uri($"/api/v1/me/shared-with-me/{otherConsent.Id}/pathways", UriKind.Relative), ct)).StatusCode);

        var given = await patient.PostAsJsonAsync("/api/v1/me/consents", new { relativeNationalId = relativeNin, relativeName = "Per Pårørende" }, ct);
        Assert.Equal(HttpStatusCode.Created, given.StatusCode);
        var consent = (await given.Content.ReadFromJsonAsync<MyConsent>(ct))!;
        // Reading her consents (with the relatives' identity numbers) is a logged read of her data.
        var read = await scenario.LogEntriesAsync("innbygger:" + own.NationalId, own.NationalId);
        Assert.Equal(2, (await patient.GetFromJsonAsync<List<MyConsent>>("/api/v1/me/consents", ct))!.Count);
        Assert.Equal(read + 1, await scenario.LogEntriesAsync("innbygger:" + own.NationalId, own.NationalId));
        Assert.Equal(HttpStatusCode.Conflict, (await patient.PostAsJsonAsync("/api/v1/me/consents", new { relativeNationalId = relativeNin, relativeName = "Per" }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await patient.PostAsJsonAsync("/api/v1/me/consents", new { relativeNationalId = "12345678901", relativeName = "Per" }, ct)).StatusCode);

        var shared = (await relative.GetFromJsonAsync<List<SharedWithMe>>("/api/v1/me/shared-with-me", ct))!;
        Assert.Equal([consent.Id], shared.Select(s => s.ConsentId));
        var seen = (await relative.GetFromJsonAsync<MyPathways>($"/api/v1/me/shared-with-me/{consent.Id}/pathways", ct))!;
        Assert.True(seen.AsRelative);
        Assert.Equal([own.EpisodeId], seen.Pathways.Select(p => p.EpisodeId));
        // One entry for the list of patients who consented, one for the pathways.
        Assert.Equal(2, await scenario.LogEntriesAsync("innbygger:" + relativeNin, own.NationalId));

        // The patient sees the relative's read in her access log, by the name she gave.
        var log = (await patient.GetFromJsonAsync<List<MyAccess>>("/api/v1/me/access-log", ct))!;
        Assert.Contains(log, a => a.Who == "Per Pårørende" && a.Role == PatientSignIn.RelativeRole && a.What == $"relative's view: consent {consent.Id}");

        // Withdrawn: the relative's next request is refused; a relative cannot withdraw what she did not give.
        Assert.Equal(HttpStatusCode.NotFound, (await relative.DeleteAsync(new Uri($"/api/v1/me/consents/{consent.Id}", UriKind.Relative), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await patient.DeleteAsync(new Uri($"/api/v1/me/consents/{consent.Id}", UriKind.Relative), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await relative.GetAsync(new Uri($"/api/v1/me/shared-with-me/{consent.Id}/pathways", UriKind.Relative), ct)).StatusCode);
        Assert.Empty((await relative.GetFromJsonAsync<List<SharedWithMe>>("/api/v1/me/shared-with-me", ct))!);
    }

    [Fact]
    public async Task StaffCookiesAndTokens_AreRefusedOnTheMeRoutesAndPage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        var callers = new List<(string Name, HttpClient Client)>
        {
            ("koordinator", await scenario.SignedInAsync("koordinator")),
            ("admin", await scenario.SignedInAsync("admin")),
            ("token:OUS", scenario.WithToken("OUS")),
            ("anonymous", scenario.Anonymous()),
        };
        var failures = new List<string>();
        foreach (var (name, client) in callers)
        {
            using (client)
            {
                foreach (var path in new[] { "/api/v1/me/pathways", "/api/v1/me/access-log", "/api/v1/me/consents", "/api/v1/me/shared-with-me" })
                {
                    var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
                    if (response.StatusCode != HttpStatusCode.Unauthorized)
                    {
                        failures.Add($"{name} GET {path}: {response.StatusCode}");
                    }
                }
                var posted = await client.PostAsJsonAsync("/api/v1/me/consents", new { relativeNationalId = TestPatients.Number(503), relativeName = "X" }, ct);
                if (posted.StatusCode != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{name} POST /api/v1/me/consents: {posted.StatusCode}");
                }
                var page = await client.GetAsync(new Uri("/mitt-forlop", UriKind.Relative), ct);
                if (page.RequestMessage!.RequestUri!.AbsolutePath != PatientSignIn.LoginPath)
                {
                    failures.Add($"{name} /mitt-forlop landed on {page.RequestMessage.RequestUri.AbsolutePath}");
                }
            }
        }
        await using (var db = scenario.OpenDb())
        {
            Assert.Empty(await db.RelativeConsents.ToListAsync(ct));
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Page_ShowsThePathwayTheCoordinatorAndTheAccessLog_InBokmal()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        await AddLoginsAsync(scenario);
        var own = scenario.Places["OUS"];
        await using (var db = scenario.OpenDb())
        {
            db.EpisodeAssignments.Add(new Forlop.App.Data.EpisodeAssignmentEntity { EpisodeId = own.EpisodeId, Coordinator = "koordinator", AssignedAt = DateTime.UtcNow, AssignedBy = "test" });
            await db.SaveChangesAsync(ct);
        }
        // A coordinator reads the timeline: the patient then sees that read in her log.
        using (var coordinator = await scenario.SignedInAsync("koordinator"))
        {
            Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(new Uri($"/api/v1/episodes/{own.EpisodeId}", UriKind.Relative), ct)).StatusCode);
        }
        using var patient = await SignedInAsPatientAsync(scenario.BaseAddress, "pasient-OUS");

        var html = WebUtility.HtmlDecode(await patient.GetStringAsync(new Uri("/mitt-forlop", UriKind.Relative), ct));

        Assert.Contains("Mitt forløp", html, StringComparison.Ordinal);
        Assert.Contains("Hva har skjedd", html, StringComparison.Ordinal);
        Assert.Contains("Neste steg:", html, StringComparison.Ordinal);
        Assert.Contains("senest", html, StringComparison.Ordinal);
        Assert.Contains("Koordinatoren din er", html, StringComparison.Ordinal);
        Assert.Contains("Hvem har sett opplysningene dine", html, StringComparison.Ordinal);
        Assert.Contains("Forløpskoordinator", html, StringComparison.Ordinal);
        Assert.DoesNotContain(own.NationalId, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Pathways_GiveTheCoordinatorsOfficeOfHerHfForThePathwaysFamily_AndNoneWhereTheHfEnteredNone(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        await AddLoginsAsync(scenario);
        await using (var db = scenario.OpenDb())
        {
            // OUS's cancer office (the patients' A01 is a cancer pathway); its mental-health office and another HF's
            // cancer office are there to be left out. HB has entered nothing.
            foreach (var (hf, family, phone) in new[] { ("OUS", "cancer", "23 07 00 01"), ("OUS", "mental-health", "23 07 00 02"), ("SIV", "cancer", "33 34 00 03") })
            {
                db.ContactPoints.Add(new Forlop.App.Data.ContactPointEntity
                {
                    Kind = Forlop.App.Features.ContactPoints.ContactPointDirectory.HfOffice, Owner = hf, Family = family, Name = $"Forløpskoordinatorene {hf}",
                    Phone = phone, Email = $"{family}@{hf.ToLowerInvariant()}.example", Hours = "Hverdager 08–15", UpdatedBy = "test", UpdatedAt = DateTime.UtcNow,
                });
            }
            await db.SaveChangesAsync(ct);
        }

        using (var ous = await SignedInAsPatientAsync(scenario.BaseAddress, "pasient-OUS"))
        {
            var office = Assert.Single((await ous.GetFromJsonAsync<MyPathways>("/api/v1/me/pathways", ct))!.Pathways).Coordinator.Office;
            Assert.NotNull(office);
            Assert.Equal(("Forløpskoordinatorene OUS", "23 07 00 01", "cancer@ous.example", "Hverdager 08–15", false),
                (office.Name, office.Phone, office.Email, office.Hours, office.Placeholder));
            var json = await ous.GetStringAsync(new Uri("/api/v1/me/pathways", UriKind.Relative), ct);
            Assert.Contains("\"phone\":\"23 07 00 01\"", json, StringComparison.Ordinal);
            var html = WebUtility.HtmlDecode(await ous.GetStringAsync(new Uri("/mitt-forlop", UriKind.Relative), ct));
            Assert.Contains("Slik når du forløpskoordinatorene ved Oslo universitetssykehus HF:", html, StringComparison.Ordinal);
            Assert.Contains("23 07 00 01", html, StringComparison.Ordinal);
            Assert.DoesNotContain("23 07 00 02", html, StringComparison.Ordinal);
        }

        using var hb = await SignedInAsPatientAsync(scenario.BaseAddress, "pasient-HB");
        Assert.Null(Assert.Single((await hb.GetFromJsonAsync<MyPathways>("/api/v1/me/pathways", ct))!.Pathways).Coordinator.Office);
        var hbHtml = WebUtility.HtmlDecode(await hb.GetStringAsync(new Uri("/mitt-forlop", UriKind.Relative), ct));
        Assert.Contains("Helse Bergen HF har ikke lagt inn telefonnummer eller e-post til forløpskoordinatorene for denne typen forløp ennå.", hbHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"office-", hbHtml, StringComparison.Ordinal);
    }
}
