using System.Net;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Catalogue;
using Forlop.App.Tests.Infrastructure;
using NodaTime;

namespace Forlop.App.Tests.Features.Accounts;

/// <summary>The administrator's accounts (AddUser, LocalAccounts.SetActiveAsync, ApiTokens.Check and RevokeAsync): shared by /admin/brukere and the commands.</summary>
public class UserAdministrationTests
{
    private static NewUser Kari(string role = "coordinator", string? organisation = "OUS", string[]? units = null, string? password = "et-langt-passord") =>
        new("kari", "Kari Koordinator", role, organisation, units ?? [], password);

    public static readonly TheoryData<string, NewUser, string, string> Refusals = new()
    {
        // Each row is one mistake an administrator can make in the form; the reason lands on its field.
        { "no HF for a coordinator", Kari(organisation: null), NewUser.Fields.Organisation, "Velg helseforetaket (HF)" },
        { "an RHF is not an HF", Kari(organisation: "HSO"), NewUser.Fields.Organisation, "Velg helseforetaket (HF)" },
        { "a unit of another HF", Kari(units: ["OUS-KIR"], organisation: "HB"), NewUser.Fields.Units, "OUS-KIR er ikke en enhet i HB" },
        { "units narrow coordinators only", Kari(role: "clinical-lead", units: ["OUS-KIR"]), NewUser.Fields.Units, "Bare en forløpskoordinator" },
        { "national roles have no HF", Kari(role: "national-analyst"), NewUser.Fields.Organisation, "ser hele landet" },
        { "a regional analyst needs an RHF", Kari(role: "regional-analyst"), NewUser.Fields.Organisation, "regionale helseforetaket (RHF)" },
        { "hospital systems get tokens, not accounts", Kari(role: "hospital-system"), NewUser.Fields.Role, "er ikke en rolle" },
        { "short password", Kari(password: "kort"), NewUser.Fields.Password, "minst 12 tegn" },
        { "the user name is taken", Kari() with { UserName = "koordinator" }, NewUser.Fields.UserName, "finnes allerede" },
        { "spaces in the user name", Kari() with { UserName = "kari nordmann" }, NewUser.Fields.UserName, "uten mellomrom" },
        { "no name to show", Kari() with { DisplayName = " " }, NewUser.Fields.DisplayName, "navnet som skal vises" },
        // A municipality's coordinator belongs to a municipality, a hospital role to an HF: each mix-up named as such.
        { "an HF for a municipality coordinator", Kari(role: "municipality-coordinator", organisation: "OUS"), NewUser.Fields.Organisation,
            "OUS er Oslo universitetssykehus HF, ikke en kommune: en kommunal koordinator hører til en kommune (kommunenummer med fire sifre)" },
        { "a unit for a municipality coordinator", Kari(role: "municipality-coordinator", organisation: "OUS-KIR"), NewUser.Fields.Organisation, "OUS-KIR er Kirurgisk klinikk, ikke en kommune" },
        { "a number no municipality has", Kari(role: "municipality-coordinator", organisation: "9999"), NewUser.Fields.Organisation, "Velg kommunen (kommunenummer)" },
        { "a municipality for a coordinator", Kari(organisation: "0301"), NewUser.Fields.Organisation,
            "0301 er et kommunenummer (Oslo), ikke et helseforetak: velg helseforetaket (HF) brukeren hører til, eller rollen kommunal koordinator" },
        { "a municipality for a clinical lead", Kari(role: "clinical-lead", organisation: "4601"), NewUser.Fields.Organisation, "4601 er et kommunenummer (Bergen)" },
        { "a municipality for an HF's administrator", Kari(role: "administrator", organisation: "4601"), NewUser.Fields.Organisation, "4601 er et kommunenummer (Bergen)" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task AddUser_WithAMistake_IsRefusedOnItsFieldInNorwegian_AndStoresNothing(string why, NewUser user, string field, string reason)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(DatabaseKind.Sqlite, ct);
        await LocalAccounts.AddDemoUsersAsync(store.Db, DateTime.UtcNow, ct);
        await Forlop.App.Features.Organisations.AddUnitCommand.AddAsync(store.Db, store.Organisations, "OUS-KIR", "OUS", "Kirurgisk klinikk", ct);
        await using var reloaded = await OpenAsync(store, ct);

        var problems = await AddUser.RunAsync(reloaded.Db, reloaded.Organisations, user, Administrator.CommandLine(), DateTime.UtcNow, ct);

        var problem = Assert.Single(problems);
        Assert.True(problem.Field == field, why);
        Assert.Contains(reason, problem.Reason.Nb, StringComparison.Ordinal);
        Assert.Equal(user.UserName == "koordinator" ? 1 : 0, (await LocalAccounts.ListAsync(reloaded.Db, ct)).Count(a => a.UserName == user.UserName));
    }

    [Fact]
    public async Task MunicipalityCoordinator_IsGivenAndChangedByTheInstallationsAdministratorOnly_NotByAnHfsAdministrator()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(DatabaseKind.Sqlite, ct);
        await LocalAccounts.AddDemoUsersAsync(store.Db, DateTime.UtcNow, ct);
        var installation = new Administrator("admin", "administrator", "", "test");
        var ous = new Administrator("admin-ous", "administrator", "OUS", "test");
        var tromso = Kari(role: "municipality-coordinator", organisation: "5501") with { UserName = "kommune-tromso" };

        // Oslo universitetssykehus's administrator: neither for Tromsø nor for Oslo, which OUS serves.
        var refused = Assert.Single(await AddUser.RunAsync(store.Db, store.Organisations, tromso, ous, DateTime.UtcNow, ct));
        var refusedOslo = Assert.Single(await AddUser.RunAsync(store.Db, store.Organisations, tromso with { Organisation = "0301" }, ous, DateTime.UtcNow, ct));
        Assert.Equal((NewUser.Fields.Role, NewUser.Fields.Role), (refused.Field, refusedOslo.Field));
        Assert.Contains("Bare administratoren for hele Forløp", refused.Reason.Nb, StringComparison.Ordinal);
        Assert.DoesNotContain(await LocalAccounts.ListAsync(store.Db, ct), a => a.UserName == "kommune-tromso");
        // Her rights for hospital roles are as before (decision 0028).
        Assert.Empty(await AddUser.RunAsync(store.Db, store.Organisations, Kari(organisation: "HB"), ous, DateTime.UtcNow, ct));

        Assert.Empty(await AddUser.RunAsync(store.Db, store.Organisations, tromso, installation, DateTime.UtcNow, ct));
        var added = (await LocalAccounts.ListAsync(store.Db, ct)).Single(a => a.UserName == "kommune-tromso");
        Assert.Equal(("municipality-coordinator", "5501"), (added.Role, added.Organisation));

        // Changing access: an HF's administrator neither gives the role nor takes it away or moves it to another municipality.
        var give = await ChangeAccess.RunAsync(store.Db, store.Organisations, ous, new NewAccess("koordinator", "municipality-coordinator", "0301", []), ct);
        var takeAway = await ChangeAccess.RunAsync(store.Db, store.Organisations, ous, new NewAccess("kommune-oslo", "coordinator", "OUS", []), ct);
        var move = await ChangeAccess.RunAsync(store.Db, store.Organisations, ous, new NewAccess("kommune-oslo", "municipality-coordinator", "4601", []), ct);
        Assert.All(new[] { give, takeAway, move }, r => Assert.Equal((null, NewUser.Fields.Role), (r.Changed, r.Problem?.Field)));
        var moved = await ChangeAccess.RunAsync(store.Db, store.Organisations, installation, new NewAccess("kommune-oslo", "municipality-coordinator", "4601", []), ct);
        Assert.Equal("municipality-coordinator at 4601", moved.Changed?.After);
        var accounts = await LocalAccounts.ListAsync(store.Db, ct);
        Assert.Equal("coordinator", accounts.Single(a => a.UserName == "koordinator").Role);
        Assert.Equal("4601", accounts.Single(a => a.UserName == "kommune-oslo").Organisation);
    }

    [Fact]
    public async Task AddUser_AMunicipalityCoordinator_FromTheCommandLine_IsTheInstallations()
    {
        await using var store = await OpenAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);

        var run = await Cli.RunAsync("add-user", "--db", store.Target, "kommune-tromso", "--name", "Tove Tromsø", "--role", "municipality-coordinator", "--organisation", "5501", "--no-password");

        Assert.Equal((0, "Added kommune-tromso (municipality-coordinator at 5501)"), (run.ExitCode, run.Output.Trim()));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task AddUser_ACoordinatorOfAUnit_IsListedAndSignsIn(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        await using (var store = await OpenAsync(scenario.Db, ct))
        {
            Assert.Empty(await AddUser.RunAsync(store.Db, store.Organisations, Kari(units: [PersonDataScenario.Unit]), Administrator.CommandLine(), DateTime.UtcNow, ct));
        }

        using var kari = await scenario.SignedInAsync("kari", "et-langt-passord");
        var body = await kari.GetStringAsync(new Uri("/api/v1/tracking-list", UriKind.Relative), ct);
        await using var db = scenario.OpenDb();
        var listed = (await LocalAccounts.ListAsync(db, ct)).Single(a => a.UserName == "kari");

        Assert.Equal(("Kari Koordinator", "coordinator", "OUS", true, true), (listed.DisplayName, listed.Role, listed.Organisation, listed.IsActive, listed.HasPassword));
        Assert.Equal([PersonDataScenario.Unit], listed.Units);
        // Limited to her unit: its patient is on her list, the HF's own is not.
        Assert.Contains(scenario.Places[PersonDataScenario.Unit].NationalId, body, StringComparison.Ordinal);
        Assert.DoesNotContain(scenario.Places["OUS"].NationalId, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task DeactivatedUser_CannotSignIn_LosesHerSession_AndSignsInAgainWhenReactivated(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        using var session = await scenario.SignedInAsync("koordinator");
        await using var db = scenario.OpenDb();

        Assert.Null(await LocalAccounts.SetActiveAsync(db, "admin", "koordinator", active: false, ct));
        var during = await session.GetAsync(new Uri("/api/v1/tracking-list", UriKind.Relative), ct);
        var signIn = await Assert.ThrowsAnyAsync<Exception>(() => scenario.SignedInAsync("koordinator"));
        Assert.Null(await LocalAccounts.SetActiveAsync(db, "admin", "koordinator", active: true, ct));
        using var again = await scenario.SignedInAsync("koordinator");

        Assert.Equal(HttpStatusCode.Unauthorized, during.StatusCode);
        Assert.Contains("feil=1", signIn.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(new Uri("/api/v1/tracking-list", UriKind.Relative), ct)).StatusCode);
        Assert.False((await LocalAccounts.ListAsync(db, ct)).Single(a => a.UserName == "koordinator") is { IsActive: false });
    }

    [Fact]
    public async Task Deactivate_Oneself_OrSomeoneUnknown_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(DatabaseKind.Sqlite, ct);
        await LocalAccounts.AddDemoUsersAsync(store.Db, DateTime.UtcNow, ct);

        var self = await LocalAccounts.SetActiveAsync(store.Db, "admin", "admin", active: false, ct);
        var unknown = await LocalAccounts.SetActiveAsync(store.Db, "admin", "ingen", active: false, ct);

        Assert.Contains("deg selv", self!.Reason.Nb, StringComparison.Ordinal);
        Assert.Contains("finnes ikke", unknown!.Reason.Nb, StringComparison.Ordinal);
        Assert.True((await LocalAccounts.ListAsync(store.Db, ct)).Single(a => a.UserName == "admin").IsActive);
    }

    [Fact]
    public async Task AddApiClient_ForSomethingThatIsNotAnHfOrUnit_IsRefusedByTheCommandAsByThePage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(DatabaseKind.Sqlite, ct);

        var page = ApiTokens.Check("dips", "HSO", store.Organisations);
        var command = await Cli.RunAsync("add-api-client", "--db", store.Target, "dips", "--organisation", "HSO");

        Assert.Equal(ApiTokens.Fields.Organisation, Assert.Single(page).Field);
        Assert.Equal(1, command.ExitCode);
        Assert.Equal(page[0].Reason.En, command.Error.Trim());
        Assert.Empty(ApiTokens.Check("dips", "OUS", store.Organisations));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task RevokeApiClient_TurnsItsTokensOkInto401_LeavesOthers_AndIsRefusedTheSecondTime(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        using var hb = scenario.WithToken("HB");
        using var ous = scenario.WithToken("OUS");
        var trackingList = new Uri("/api/v1/tracking-list", UriKind.Relative);
        var before = await hb.GetAsync(trackingList, ct);

        var revoke = await Cli.RunAsync("revoke-api-client", "--db", scenario.Db, "dips-hb");
        var after = await hb.GetAsync(trackingList, ct);
        var again = await Cli.RunAsync("revoke-api-client", "--db", scenario.Db, "dips-hb");
        var unknown = await Cli.RunAsync("revoke-api-client", "--db", scenario.Db, "ingen");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal((0, "Revoked dips-hb"), (revoke.ExitCode, revoke.Output.Trim()));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ous.GetAsync(trackingList, ct)).StatusCode);
        Assert.Equal((2, "the hospital system dips-hb is revoked already"), (again.ExitCode, again.Error.Trim()));
        Assert.Equal((2, "there is no hospital system ingen"), (unknown.ExitCode, unknown.Error.Trim()));
        await using var db = scenario.OpenDb();
        var clients = await ApiTokens.ListAsync(db, ct);
        Assert.NotNull(clients.Single(c => c.Name == "dips-hb").RevokedAt);
        Assert.Null(clients.Single(c => c.Name == "dips-ous").RevokedAt);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task RevokeById_AsThePageDoes_KeepsTheFirstDate_AndRefusesARepeatOrAnUnknownClient(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(kind, ct);
        await ApiTokens.AddClientAsync(store.Db, "dips", "OUS", new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc), ct);
        var id = (await ApiTokens.ListAsync(store.Db, ct)).Single().Id;
        var first = new DateTime(2025, 3, 14, 9, 30, 0, DateTimeKind.Utc);

        var revoked = await ApiTokens.RevokeAsync(store.Db, id, first, ct);
        var twice = await ApiTokens.RevokeAsync(store.Db, id, first.AddDays(1), ct);
        var unknownId = await ApiTokens.RevokeAsync(store.Db, id + 1000, first, ct);
        var unknownName = await ApiTokens.RevokeAsync(store.Db, "ingen", first, ct);

        Assert.Null(revoked);
        Assert.Equal(ApiTokens.Fields.Name, twice!.Field);
        Assert.Equal("Systemet dips er allerede trukket tilbake", twice.Reason.Nb);
        Assert.Contains("finnes ikke", unknownId!.Reason.Nb, StringComparison.Ordinal);
        Assert.Equal("Systemet ingen finnes ikke", unknownName!.Reason.Nb);
        // A repeat must not move the date the administrator's list shows.
        await using var db = DatabaseTarget.Parse(store.Target).CreateContext();
        Assert.Equal(first, (await ApiTokens.ListAsync(db, ct)).Single().RevokedAt);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task DeactivateUser_AndReactivateUser_FromTheCommandLine_ChangeTheAccount_AndRefuseAnUnknownUserWithExitCode2(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(kind, ct);
        await LocalAccounts.AddDemoUsersAsync(store.Db, DateTime.UtcNow, ct);
        async Task<bool> IsActiveAsync()
        {
            await using var db = DatabaseTarget.Parse(store.Target).CreateContext();
            return (await LocalAccounts.ListAsync(db, ct)).Single(a => a.UserName == "koordinator").IsActive;
        }

        var deactivate = await Cli.RunAsync("deactivate-user", "--db", store.Target, "koordinator");
        var whileInactive = await IsActiveAsync();
        var reactivate = await Cli.RunAsync("reactivate-user", "--db", store.Target, "koordinator");
        var unknown = await Cli.RunAsync("deactivate-user", "--db", store.Target, "ingen");

        Assert.Equal((0, "Deactivated koordinator"), (deactivate.ExitCode, deactivate.Output.Trim()));
        Assert.False(whileInactive);
        Assert.Equal((0, "Reactivated koordinator"), (reactivate.ExitCode, reactivate.Output.Trim()));
        Assert.True(await IsActiveAsync());
        Assert.Equal((2, "there is no user ingen", ""), (unknown.ExitCode, unknown.Error.Trim(), unknown.Output));
    }

    public static readonly TheoryData<string, string[], string> SetUserRefusals = new()
    {
        // Each row is one change the rules of adding a user would refuse too, or one that would change nothing.
        { "an unknown user", ["ingen", "--role", "coordinator", "--organisation", "OUS"], "there is no user ingen" },
        { "not a role", ["koordinator", "--role", "hospital-system", "--organisation", "OUS"], "'hospital-system' is not a role (coordinator, clinical-lead, regional-analyst, national-analyst, administrator, municipality-coordinator)" },
        { "a coordinator without her HF", ["koordinator", "--role", "coordinator"], "a coordinator or clinical lead needs an HF or ideell hospital (--organisation)" },
        { "units narrow coordinators only", ["koordinator", "--role", "clinical-lead", "--organisation", "OUS", "--units", "OUS-KIR"], "only a coordinator is limited to units" },
        { "a unit of another HF", ["koordinator", "--role", "coordinator", "--organisation", "HB", "--units", "OUS-KIR"], "OUS-KIR is not a unit of HB" },
        { "national roles have no HF", ["koordinator", "--role", "national-analyst", "--organisation", "OUS"], "a national-analyst sees the whole country and takes no organisation" },
        { "an HF for a municipality coordinator", ["koordinator", "--role", "municipality-coordinator", "--organisation", "OUS"],
            "OUS is Oslo universitetssykehus HF, not a municipality: a municipality coordinator belongs to a municipality (its four-digit number)" },
        { "the access she has already", ["koordinator", "--role", "coordinator", "--organisation", "OUS"], "koordinator has this access already" },
    };

    [Theory]
    [MemberData(nameof(SetUserRefusals))]
    public async Task SetUser_ARefusedChange_ExitsWith2AndTheReason_ChangesNothing_AndLogsNothing(string why, string[] args, string reason)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(DatabaseKind.Sqlite, ct);
        await LocalAccounts.AddDemoUsersAsync(store.Db, DateTime.UtcNow, ct);
        await Forlop.App.Features.Organisations.AddUnitCommand.AddAsync(store.Db, store.Organisations, "OUS-KIR", "OUS", "Kirurgisk klinikk", ct);

        var run = await Cli.RunAsync(["set-user", "--db", store.Target, .. args]);

        Assert.True((2, reason, "") == (run.ExitCode, run.Error.Trim(), run.Output), $"{why}: {run.ExitCode} {run.Error}{run.Output}");
        await using var db = DatabaseTarget.Parse(store.Target).CreateContext();
        var koordinator = (await LocalAccounts.ListAsync(db, ct)).Single(a => a.UserName == "koordinator");
        Assert.Equal(("coordinator", "OUS", 0), (koordinator.Role, koordinator.Organisation, koordinator.Units.Count));
        Assert.Equal(0, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AccessLog, ct));
    }

    [Fact]
    public async Task ChangeAccess_OfOneself_IsRefused_SoAnAdministratorCannotLockHerselfOut()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(DatabaseKind.Sqlite, ct);
        await LocalAccounts.AddDemoUsersAsync(store.Db, DateTime.UtcNow, ct);

        var (changed, problem) = await ChangeAccess.RunAsync(store.Db, store.Organisations, new Administrator("admin", "administrator", "", "test"), new NewAccess("admin", "national-analyst", null, []), ct);

        Assert.Null(changed);
        Assert.Equal("Du kan ikke endre din egen tilgang", problem!.Reason.Nb);
        Assert.Equal("administrator", (await LocalAccounts.ListAsync(store.Db, ct)).Single(a => a.UserName == "admin").Role);
    }

    private sealed class Store(RegistryStore inner, string target) : IAsyncDisposable
    {
        public RegistryDb Db => inner.Db;
        public Forlop.Domain.Organisations.OrganisationDirectory Organisations => inner.Organisations;
        public string Target => target;

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private static async Task<Store> OpenAsync(DatabaseKind kind, CancellationToken ct) => await OpenAsync(await TestDatabases.CreateAsync(kind, ct), ct);

    /// <summary>The same database again, so organisations added meanwhile are in the directory.</summary>
    private static Task<Store> OpenAsync(Store store, CancellationToken ct) => OpenAsync(store.Target, ct);

    private static async Task<Store> OpenAsync(string db, CancellationToken ct) =>
        new(await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, ct), db);
}
