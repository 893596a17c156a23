using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Forlop.App.Data;
using Forlop.App.Features.ContactPoints;
using Forlop.App.Features.Demo;
using Forlop.App.Features.Surveys;
using Forlop.Browser.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.PatientView;

/// <summary>
/// The patient's own view at /mitt-forlop and an experience survey by its link (issue 13, decision 0029), as the demo
/// patient, her relative and an anonymous answerer see them, each page scanned with axe-core (WCAG 2.1 A and AA): no
/// serious or critical violation.
/// </summary>
public class PatientViewPageTests(BrowserApp app)
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private static async Task<List<string>> SeriousViolationsAsync(IPage page, string what)
    {
        var results = await page.RunAxe(WcagAa);
        return results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{what}: {v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
    }

    private static async Task SignInAsPatientAsync(IPage page, string login)
    {
        await page.GotoAsync("/mitt-forlop/logg-inn");
        await page.Locator("#loginName").FillAsync(login);
        await page.Locator("#password").FillAsync("forlop-demo");
        await page.Locator("#patient-sign-in").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Mitt forløp");
    }

    /// <summary>The phone numbers of an HF's pathway coordinators' offices in the demo directory, one per pathway family.</summary>
    private async Task<List<string>> OfficePhonesAsync(string hf)
    {
        await using var db = app.Target.CreateContext();
        var phones = await db.ContactPoints.Where(p => p.Kind == ContactPointDirectory.HfOffice && p.Owner == hf && p.Phone != null)
            .Select(p => p.Phone!).ToListAsync(TestContext.Current.CancellationToken);
        Assert.NotEmpty(phones);
        return phones;
    }

    private static Regex OneOf(IEnumerable<string> texts) => new($"^\\s*({string.Join("|", texts.Select(Regex.Escape))})\\s*$");

    [Fact]
    public async Task DemoPatient_SeesHerPathwayCoordinatorAndAccessLog_GivesConsent_AndThePagesPassAxe()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        var violations = new List<string>();

        // Not signed in as a patient: the page sends the browser to the patient's own login.
        await page.GotoAsync("/mitt-forlop");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/mitt-forlop/logg-inn"));
        violations.AddRange(await SeriousViolationsAsync(page, "/mitt-forlop/logg-inn"));

        await SignInAsPatientAsync(page, DemoPatientView.PatientLogin);
        var pathway = page.Locator(".forlop-my-pathway").First;
        await Expect(pathway.Locator("h2")).Not.ToBeEmptyAsync();
        await Expect(pathway).ToContainTextAsync("Hva har skjedd");
        await Expect(pathway.Locator(".forlop-next")).ToContainTextAsync("Neste steg:");
        await Expect(pathway.Locator(".forlop-coordinator")).ToContainTextAsync("Koordinatoren din er");
        // How to reach her: the OUS pathway coordinators' office for the pathway's family, from the contact-point directory.
        var atOus = page.Locator(".forlop-my-pathway", new() { HasText = "Ved Oslo universitetssykehus HF" }).First;
        await Expect(atOus.Locator(".forlop-office")).ToContainTextAsync("Slik når du forløpskoordinatorene ved Oslo universitetssykehus HF");
        await Expect(atOus.Locator(".forlop-office-phone")).ToBeVisibleAsync();
        await Expect(atOus.Locator(".forlop-office-phone")).ToHaveTextAsync(OneOf(await OfficePhonesAsync("OUS")));
        await Expect(atOus.Locator(".forlop-office")).ToContainTextAsync("Åpningstid");
        var ousPathway = page.Locator("#" + await atOus.GetAttributeAsync("id"));
        await Expect(page.Locator("#my-access-log")).ToContainTextAsync("Deg selv");
        await Expect(page.Locator("#my-consents")).ToContainTextAsync("Per Nordmann");
        violations.AddRange(await SeriousViolationsAsync(page, "/mitt-forlop"));
        await Screenshots.SaveAsync(page, "patient-view");

        // English is a click away, as on every other page.
        await page.Locator("#language-switch").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("My pathway");
        await Expect(page.Locator("#my-access-log")).ToContainTextAsync("You");
        await Expect(ousPathway.Locator(".forlop-office")).ToContainTextAsync("Phone");
        violations.AddRange(await SeriousViolationsAsync(page, "/mitt-forlop (English)"));
        await page.Locator("#language-switch").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Mitt forløp");

        // The relative who has the demo patient's consent sees her pathways, and nothing of her own.
        await page.Locator("#patient-sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/mitt-forlop/logg-inn"));
        await SignInAsPatientAsync(page, DemoPatientView.RelativeLogin);
        await Expect(page.Locator("#no-pathways")).ToBeVisibleAsync();
        await page.Locator("#shared-with-me a").First.ClickAsync();
        await Expect(page.Locator("#as-relative")).ToBeVisibleAsync();
        await Expect(page.Locator(".forlop-my-pathway").First).ToContainTextAsync("Hva har skjedd");
        violations.AddRange(await SeriousViolationsAsync(page, "/mitt-forlop?som=… (relative)"));

        Assert.True(violations.Count == 0, string.Join('\n', violations));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task SurveyLink_IsAnsweredWithoutAnAccount_AndThePagePassesAxe()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = "nettleser-" + Guid.NewGuid().ToString("N");
        await using (var db = app.Target.CreateContext())
        {
            var ended = await db.Episodes.Where(e => e.Hf == "OUS" && e.TreatmentDate != null && !db.SurveyInvitations.Any(i => i.EpisodeId == e.Id))
                .OrderBy(e => e.Id).Select(e => new { e.Id, e.Pathway, e.TreatmentDate }).FirstAsync(ct);
            db.SurveyInvitations.Add(new SurveyInvitationEntity
            {
                TokenHash = ExperienceSurveys.HashOf(token), EpisodeId = ended.Id, Kind = "patient", Pathway = ended.Pathway, Hf = "OUS",
                Period = ExperienceSurveys.TertialOf(ended.TreatmentDate!.Value), ExpiresOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)),
            });
            await db.SaveChangesAsync(ct);
        }
        await using var session = await app.OpenAsync();
        var page = session.Page;

        await page.GotoAsync("/sporreskjema/" + token);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Hvordan var forløpet?");
        var violations = await SeriousViolationsAsync(page, "/sporreskjema/…");
        await page.Locator("label[for='q1-5']").ClickAsync();
        await page.Locator("label[for='q2-4']").ClickAsync();
        await page.Locator("label[for='q4-2']").ClickAsync();
        await page.Locator("#survey-submit").ClickAsync();
        await Expect(page.Locator("#survey-thanks")).ToBeVisibleAsync();

        // The link is spent: opening it again says so.
        await page.GotoAsync("/sporreskjema/" + token);
        await Expect(page.Locator("#survey-unknown")).ToBeVisibleAsync();
        Assert.True(violations.Count == 0, string.Join('\n', violations));
        await using (var db = app.Target.CreateContext())
        {
            Assert.NotNull(await db.SurveyInvitations.Where(i => i.TokenHash == ExperienceSurveys.HashOf(token)).Select(i => i.AnsweredOn).SingleAsync(ct));
        }

        // The public results of last year's demo answers: the nation's figures shown, small ones hidden.
        await page.GotoAsync("/statistikk/brukererfaringer");
        await Expect(page.Locator("#survey-results-Patient")).ToContainTextAsync("Hele landet");
        await Expect(page.Locator("#survey-results-Patient")).ToContainTextAsync("skjult");
        violations = await SeriousViolationsAsync(page, "/statistikk/brukererfaringer");
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }
}
