using System.Net;
using Forlop.App.Data;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Accounts;

/// <summary>Sessions end when access ends; sign-in is throttled per account and per address; administration is logged (issue 16).</summary>
public class SessionsAndThrottlingTests
{
    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password)
    {
        var ct = TestContext.Current.CancellationToken;
        var page = await client.GetStringAsync(new Uri("/logg-inn", UriKind.Relative), ct);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync(new Uri("/konto/logg-inn", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["userName"] = userName, ["password"] = password, ["returnUrl"] = "/statistikk",
        }), ct);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task FiveWrongPasswords_LockTheAccount_EvenForTheRightOne_AndTheLockoutIsLogged(DatabaseKind kind)
    {
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var ct = TestContext.Current.CancellationToken;
        using var attacker = scenario.Anonymous();

        var wrong = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await PostSignInAsync(attacker, "koordinator", "not-the-password-" + i);
            wrong.Add(response.RequestMessage!.RequestUri!.Query);
        }
        using var right = await PostSignInAsync(attacker, "koordinator", "forlop-demo");
        using var stillOut = await attacker.GetAsync(new Uri("/api/v1/tracking-list", UriKind.Relative), ct);
        // Another account is not touched by this one's lockout; a name that does not exist locks the same way.
        using var other = await scenario.SignedInAsync("leder");
        for (var i = 0; i < 5; i++)
        {
            using var response = await PostSignInAsync(attacker, "finnes-ikke", "x" + i);
        }
        using var nobody = await PostSignInAsync(attacker, "finnes-ikke", "x");

        Assert.All(wrong.Take(4), q => Assert.StartsWith("?feil=1&", q, StringComparison.Ordinal));
        Assert.StartsWith("?feil=sperret&", wrong[4], StringComparison.Ordinal);
        Assert.StartsWith("?feil=sperret&", right.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, stillOut.StatusCode);
        Assert.StartsWith("?feil=sperret&", nobody.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
        await using var db = scenario.OpenDb();
        var lockouts = await db.AccessLog.Where(e => e.Kind == "lockout").OrderBy(e => e.Sequence).ToListAsync(ct);
        Assert.Equal(["koordinator", "finnes-ikke"], lockouts.Select(e => e.User));
        Assert.All(lockouts, e => Assert.Equal("sign-in locked for 5 minutes after 5 failed attempts", e.What));
        var verify = await Cli.RunAsync("access-log", "verify", "--db", scenario.Db);
        Assert.True(verify.ExitCode == 0, verify.Error);
    }

    [Fact]
    public async Task SignInPosts_FromOneAddress_AreRateLimited()
    {
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite, settings: new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Forlop:SignIn:PerAddressPerMinute"] = "3",
        });
        using var client = scenario.Anonymous();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            // Different accounts, so the per-account lockout plays no part.
            using var response = await PostSignInAsync(client, "bruker" + i, "feil");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite, "role")]
    [InlineData(DatabaseKind.Sqlite, "organisation")]
    [InlineData(DatabaseKind.Sqlite, "units")]
    [InlineData(DatabaseKind.Postgres, "role")]
    public async Task ACookieSession_EndsAtItsNextRequest_WhenItsRoleOrScopeChanges(DatabaseKind kind, string change)
    {
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var ct = TestContext.Current.CancellationToken;
        using var coordinator = await scenario.SignedInAsync("koordinator");
        using var before = await coordinator.GetAsync(new Uri("/api/v1/tracking-list", UriKind.Relative), ct);

        await using (var db = scenario.OpenDb())
        {
            var user = db.Users.Where(u => u.UserName == "koordinator");
            await (change switch
            {
                "role" => user.ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, "clinical-lead"), ct),
                "organisation" => user.ExecuteUpdateAsync(s => s.SetProperty(u => u.Organisation, "HB"), ct),
                _ => user.ExecuteUpdateAsync(s => s.SetProperty(u => u.Units, PersonDataScenario.Unit), ct),
            });
        }
        using var after = await coordinator.GetAsync(new Uri("/api/v1/tracking-list", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task SetUser_EndsHerOpenSession_SheSignsInAgainWithTheNewScope_AndTheChangeIsLoggedOnce(DatabaseKind kind)
    {
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var ct = TestContext.Current.CancellationToken;
        var trackingList = new Uri("/api/v1/tracking-list", UriKind.Relative);
        using var coordinator = await scenario.SignedInAsync("koordinator");
        using var before = await coordinator.GetAsync(trackingList, ct);

        // Narrowed from the whole of OUS to its surgical unit.
        var set = await Cli.RunAsync("set-user", "--db", scenario.Db, "koordinator", "--role", "coordinator", "--organisation", "OUS", "--units", PersonDataScenario.Unit);
        using var after = await coordinator.GetAsync(trackingList, ct);
        using var again = await scenario.SignedInAsync("koordinator");
        var narrowed = await again.GetStringAsync(trackingList, ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal((0, $"Changed koordinator from coordinator at OUS to coordinator at OUS, units {PersonDataScenario.Unit}"), (set.ExitCode, set.Output.Trim()));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains(scenario.Places[PersonDataScenario.Unit].NationalId, narrowed, StringComparison.Ordinal);
        Assert.DoesNotContain(scenario.Places["OUS"].NationalId, narrowed, StringComparison.Ordinal);
        await using var db = scenario.OpenDb();
        var entry = Assert.Single(await db.AccessLog.Where(e => e.Kind == "admin").ToListAsync(ct));
        Assert.Equal($"changed access of user koordinator from coordinator at OUS to coordinator at OUS, units {PersonDataScenario.Unit}", entry.What);
        Assert.Equal("cli:" + Environment.UserName, entry.User);
        var verify = await Cli.RunAsync("access-log", "verify", "--db", scenario.Db);
        Assert.True(verify.ExitCode == 0, verify.Error);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task AdministrationFromTheCommandLine_IsInTheAccessLog(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        var added = await Cli.RunAsync("add-user", "--db", db, "kari", "--name", "Kari", "--role", "coordinator", "--organisation", "OUS", "--no-password");
        var client = await Cli.RunAsync("add-api-client", "--db", db, "dips", "--organisation", "OUS");
        await Cli.RunAsync("deactivate-user", "--db", db, "kari");
        await Cli.RunAsync("reactivate-user", "--db", db, "kari");
        await Cli.RunAsync("revoke-api-client", "--db", db, "dips");
        var refused = await Cli.RunAsync("revoke-api-client", "--db", db, "dips"); // refused: nothing done, nothing logged
        var verify = await Cli.RunAsync("access-log", "verify", "--db", db);

        Assert.True(added.ExitCode == 0, added.Error);
        Assert.True(client.ExitCode == 0, client.Error);
        Assert.Equal(2, refused.ExitCode);
        Assert.True(verify.ExitCode == 0, verify.Error);
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        var entries = await context.AccessLog.Where(e => e.Kind == "admin").OrderBy(e => e.Sequence).ToListAsync(ct);
        Assert.Equal(
            ["added user kari (coordinator at OUS)", "added hospital system dips for OUS", "deactivated user kari", "reactivated user kari", "revoked hospital system dips"],
            entries.Select(e => e.What));
        Assert.All(entries, e => Assert.Equal("cli:" + Environment.UserName, e.User));
        Assert.All(entries, e => Assert.Equal("", e.Patient));
    }
}
