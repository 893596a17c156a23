using System.Globalization;
using System.Text.RegularExpressions;
using Forlop.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Registration;

/// <summary>Registering, correcting and withdrawing measurement points as a coordinator, through the forms.</summary>
public class RegistrationPageTests(BrowserApp app)
{
    private static string Day(int daysAgo) =>
        DateTime.Today.AddDays(-daysAgo).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    private static ILocator ErrorOf(IPage page, string fieldId) =>
        page.Locator(".mud-input-control", new() { Has = page.Locator("#" + fieldId) }).Locator(".mud-input-helper-text.mud-input-error");

    [Fact]
    public async Task Register_AFutureDate_IsRefusedNextToTheDateInNorwegian_AndNothingTypedIsLost()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        var nationalId = TestPatients.NewNumber();

        await session.GotoInteractiveAsync("/registrering");
        await page.Locator("#field-national-id").FillAsync(nationalId);
        await page.Locator("#field-patient-name").FillAsync("Petter Prøve");
        await page.Locator("#field-code").FillAsync("A01A");
        await page.Locator("#field-date").FillAsync("01.01.2099");
        await page.ClickAsync("#registration-save");

        await Expect(ErrorOf(page, "field-date")).ToHaveTextAsync("Datoen 01.01.2099 er fram i tid.");
        await Expect(page.Locator("#field-national-id")).ToHaveValueAsync(nationalId);
        await Expect(page.Locator("#field-patient-name")).ToHaveValueAsync("Petter Prøve");
        await Expect(page.Locator("#field-code")).ToHaveValueAsync("A01A");
        await Expect(page.Locator("#field-date")).ToHaveValueAsync("01.01.2099");
        await Screenshots.SaveAsync(page, "registration");

        // A date typed another way is explained before any rule is asked.
        await page.Locator("#field-date").FillAsync("1. mars");
        await page.ClickAsync("#registration-save");
        await Expect(ErrorOf(page, "field-date")).ToHaveTextAsync("Skriv datoen som dd.mm.åååå, for eksempel 05.03.2026.");

        await page.Locator("#field-date").FillAsync(Day(3));
        await page.ClickAsync("#registration-save");

        await Expect(page).ToHaveURLAsync(new Regex("/forlop/[0-9]+$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Petter Prøve");
        await Expect(page.Locator("#timeline-points")).ToContainTextAsync("A01A");

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task RegisterCorrectWithdraw_OnAnEpisode_ShowsEachChangeOnTheTimelineAndKeepsTheHistory()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        await session.GotoInteractiveAsync("/registrering");
        await page.Locator("#field-national-id").FillAsync(TestPatients.NewNumber());
        await page.Locator("#field-code").FillAsync("A01A");
        await page.Locator("#field-date").FillAsync(Day(10));
        await page.ClickAsync("#registration-save");
        await Expect(page).ToHaveURLAsync(new Regex("/forlop/[0-9]+$"));

        // Register the first attendance from the episode's page: the code is chosen from the pathway's points.
        await page.ClickAsync("#register-point");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Registrer målepunkt");
        await page.Locator("#field-code").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "A01S" }).ClickAsync();
        await page.Locator("#field-date").FillAsync(Day(5));
        await page.ClickAsync("#registration-save");
        await Expect(page.Locator("#timeline-points")).ToContainTextAsync("A01S");

        // Correct its date: the form opens with what is stored.
        var attendance = page.Locator("#timeline-points tr", new() { HasText = "A01S" });
        await attendance.Locator(".correct-point").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Korriger målepunkt");
        await Expect(page.Locator("#field-date")).ToHaveValueAsync(Day(5));
        await page.Locator("#field-date").FillAsync(Day(4));
        await page.ClickAsync("#registration-save");
        await Expect(page.Locator("#timeline-points tr", new() { HasText = "A01S" })).ToContainTextAsync(Day(4));
        await Expect(page.Locator("#timeline-points tr", new() { HasText = "A01S" })).ToContainTextAsync("korrigert");
        await Expect(page.Locator("#timeline-history")).ToContainTextAsync("korrigert");

        // Withdraw it: asked first, then gone from the points but kept in the history.
        await page.Locator("#timeline-points tr", new() { HasText = "A01S" }).Locator(".withdraw-point").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Trekk tilbake" }).ClickAsync();
        await Expect(page.Locator("#timeline-points tr", new() { HasText = "A01S" })).ToHaveCountAsync(0);
        await Expect(page.Locator("#timeline-history")).ToContainTextAsync("trukket tilbake");

        Assert.Empty(session.Errors);
    }
}
