using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Forlop.App.Features.Accounts;
using Forlop.App.Tests.Infrastructure;
using Forlop.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Accounts;

public class SignInTests
{
    [Fact]
    public async Task SignIn_WithAWrongPassword_GoesBackToTheFormWithAnError()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => scenario.SignedInAsync("koordinator", "wrong-password"));
        using var client = scenario.Anonymous();
        var api = await client.GetAsync(new Uri("/api/v1/tracking-list", UriKind.Relative), ct);

        Assert.Contains("feil=1", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task ApiToken_Unknown_OrRevoked_Gets401()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var unknown = scenario.Anonymous();
        unknown.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "flp_not-a-token");
        using var revoked = scenario.WithToken("HB");
        var before = await revoked.GetAsync(new Uri("/api/v1/tracking-list", UriKind.Relative), ct);
        await using (var db = scenario.OpenDb())
        {
            await db.ApiClients.Where(c => c.Name == "dips-hb").ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, DateTime.UtcNow), ct);
        }

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.GetAsync(new Uri("/api/v1/tracking-list", UriKind.Relative), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync(new Uri("/api/v1/tracking-list", UriKind.Relative), ct)).StatusCode);
    }

    [Fact]
    public async Task AddUser_ReadsThePasswordFromStandardInput_AndRefusesARoleWithoutItsOrganisation()
    {
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);

        var missingHf = await Cli.RunAsync("add-user", "--db", db, "kari", "--name", "Kari", "--role", "coordinator");
        var wrongRole = await Cli.RunAsync("add-user", "--db", db, "kari", "--name", "Kari", "--role", "superuser");
        var sso = await Cli.RunAsync("add-user", "--db", db, "nils", "--name", "Nils", "--role", "national-analyst", "--no-password");

        Assert.Equal(1, missingHf.ExitCode);
        Assert.Contains("needs an HF or ideell hospital (--organisation)", missingHf.Error, StringComparison.Ordinal);
        Assert.Equal(1, wrongRole.ExitCode);
        Assert.Equal(0, sso.ExitCode);
    }

    private static readonly OidcSettings HelseIdStyle = new()
    {
        Authority = "https://helseid-sts.test.nhn.no",
        ClientId = "forlop",
        Organisations = new() { ["993467049"] = "OUS", ["974589095"] = "OUS-KIR", ["983974724"] = "HSO" },
        Roles = new() { ["forlopskoordinator"] = "coordinator" },
    };

    private static List<Claim> Claims(params (string Type, string Value)[] claims) => claims.Select(c => new Claim(c.Type, c.Value)).ToList();

    [Fact]
    public void Oidc_HelseIdStyleClaims_MapToACoordinatorOfTheHfAndUnit()
    {
        var (actor, problem) = OidcSignIn.MapClaims(Claims(
            ("sub", "abc-123"), ("name", "Kari Nordmann"), ("forlop_role", "forlopskoordinator"),
            ("helseid://claims/client/claims/orgnr_parent", "993467049"), ("helseid://claims/client/claims/orgnr_child", "974589095")), HelseIdStyle);

        Assert.Null(problem);
        Assert.Equal(("abc-123", "Kari Nordmann", Role.Coordinator, "OUS"), (actor!.UserName, actor.DisplayName, actor.Role, actor.Organisation));
        Assert.Equal(["OUS-KIR"], actor.Units);
    }

    [Theory]
    [InlineData("forlopskoordinator", "999999999", "not mapped")]
    [InlineData("hospital-system", "993467049", "not a Forløp role")]
    [InlineData("", "993467049", "not a Forløp role")]
    public void Oidc_ClaimsThatDoNotFit_AreRefusedWithAReason(string role, string organisationNumber, string reason)
    {
        var (actor, problem) = OidcSignIn.MapClaims(Claims(("sub", "x"), ("forlop_role", role), ("helseid://claims/client/claims/orgnr_parent", organisationNumber)), HelseIdStyle);

        Assert.Null(actor);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Oidc_NationalAnalyst_NeedsNoOrganisation()
    {
        var (actor, _) = OidcSignIn.MapClaims(Claims(("sub", "n"), ("forlop_role", "national-analyst")), HelseIdStyle);

        Assert.Equal(Role.NationalAnalyst, actor!.Role);
        Assert.Equal("", actor.Organisation);
    }
}
