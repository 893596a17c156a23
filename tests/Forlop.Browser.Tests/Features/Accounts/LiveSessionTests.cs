using System.Text.RegularExpressions;
using Forlop.App.Features.Accounts;
using Forlop.Browser.Tests.Infrastructure;
using Forlop.Domain.Access;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Accounts;

/// <summary>
/// A page left open keeps no access its user has lost (issue 16: a deactivated coordinator with a page open could
/// still save a measurement point): within seconds the page goes to the login page, which says why.
/// </summary>
public class LiveSessionTests(BrowserApp app)
{
    public enum Change
    {
        Deactivated,
        RoleChanged,
        ScopeChanged,
    }

    [Theory]
    [InlineData(Change.Deactivated)]
    [InlineData(Change.RoleChanged)]
    [InlineData(Change.ScopeChanged)]
    public async Task AnOpenRegistrationPage_WhoseUserLosesAccess_GoesToSignInSayingWhy_AndSavesNothing(Change change)
    {
        var ct = TestContext.Current.CancellationToken;
        // A user of her own: the demo users serve the other tests at the same time.
        var userName = "okt-" + change.ToString().ToLowerInvariant();
        await using (var db = app.Target.CreateContext())
        {
            await LocalAccounts.AddAsync(db, new Actor(userName, "Oda Økt", Role.Coordinator, "OUS", []), LocalAccounts.DemoPassword, DateTime.UtcNow, ct);
        }
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync(userName);
        await session.GotoInteractiveAsync("/registrering");
        var nationalId = TestPatients.NewNumber();
        await page.Locator("#field-national-id").FillAsync(nationalId);

        await using (var db = app.Target.CreateContext())
        {
            var user = db.Users.Where(u => u.UserName == userName);
            await (change switch
            {
                Change.Deactivated => user.ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false), ct),
                Change.RoleChanged => user.ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, "national-analyst").SetProperty(u => u.Organisation, ""), ct),
                _ => user.ExecuteUpdateAsync(s => s.SetProperty(u => u.Organisation, "HB"), ct),
            });
        }

        // The live page checks every 5 seconds; 20 allows for a busy machine.
        await Expect(page).ToHaveURLAsync(new Regex("/logg-inn\\?avsluttet=1&returnUrl=%2Fregistrering$"), new() { Timeout = 20_000 });
        await Expect(page.Locator("#session-ended")).ToContainTextAsync("Økten din ble avsluttet fordi tilgangen din er endret");
        await Expect(page.Locator("#signed-in-user")).ToHaveCountAsync(0);
        await Expect(page.Locator("#registration-save")).ToHaveCountAsync(0);
        await using (var db = app.Target.CreateContext())
        {
            Assert.False(await db.Patients.AnyAsync(p => p.NationalId == nationalId, ct));
        }
        Assert.Empty(session.Errors);
    }

    /// <summary>The same end to end through the administrator's "Endre tilgang": her page ends, the change is logged once.</summary>
    [Fact]
    public async Task AnOpenPage_WhoseAccessTheAdministratorChangesOnTheUsersPage_GoesToSignIn_AndTheChangeIsLogged()
    {
        var ct = TestContext.Current.CancellationToken;
        var userName = "okt-endret-" + Guid.NewGuid().ToString("N")[..6];
        await using (var db = app.Target.CreateContext())
        {
            await LocalAccounts.AddAsync(db, new Actor(userName, "Oda Endret", Role.Coordinator, "OUS", []), LocalAccounts.DemoPassword, DateTime.UtcNow, ct);
        }
        await using var coordinator = await app.OpenAsync();
        await coordinator.SignInAsync(userName);
        await coordinator.GotoInteractiveAsync("/registrering");
        await using var admin = await app.OpenAsync();
        var page = admin.Page;
        await admin.SignInAsync("admin");
        await admin.GotoInteractiveAsync("/admin/brukere");

        await page.Locator($"#users tr[data-user='{userName}'] .user-change-access").ClickAsync();
        await Expect(page.Locator("#change-access h2")).ToHaveTextAsync("Endre tilgangen til Oda Endret");
        await page.Locator("#access-save").ClickAsync();
        // Unchanged is refused beside the role, and nothing is stored.
        await Expect(page.Locator("#change-access")).ToContainTextAsync($"{userName} har allerede denne tilgangen");
        // After a refusal MudBlazor keeps the id on a hidden input: the select around it takes the click.
        await page.Locator(".mud-select", new() { Has = page.Locator("#access-role") }).Last.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Klinisk leder" }).ClickAsync();
        // The choice reaches the server in its own event, and MudBlazor's select handles it asynchronously: a save
        // clicked before it lands saves the old role (refused again, under CI load). The server clears the role's
        // refusal when the role changes, so wait for that before saving.
        await Expect(page.Locator("#change-access")).Not.ToContainTextAsync("har allerede denne tilgangen");
        await page.Locator("#access-save").ClickAsync();

        await Expect(page.Locator("#change-access")).ToHaveCountAsync(0);
        await Expect(page.Locator($"#users tr[data-user='{userName}']")).ToContainTextAsync("Klinisk leder");
        await Expect(coordinator.Page).ToHaveURLAsync(new Regex("/logg-inn\\?avsluttet=1&returnUrl=%2Fregistrering$"), new() { Timeout = 20_000 });
        await using (var db = app.Target.CreateContext())
        {
            var logged = (await db.AccessLog.Where(e => e.Kind == "admin").ToListAsync(ct)).Where(e => e.What.Contains(userName, StringComparison.Ordinal));
            Assert.Equal([("admin", $"changed access of user {userName} from coordinator at OUS to clinical-lead at OUS")], logged.Select(e => (e.User, e.What)));
        }
        Assert.Empty(admin.Errors);
        Assert.Empty(coordinator.Errors);
    }
}
