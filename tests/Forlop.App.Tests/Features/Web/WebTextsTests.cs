using System.Collections;
using System.Globalization;
using System.Resources;
using Forlop.App.Features.Web;
using Forlop.Domain.Registry;

namespace Forlop.App.Tests.Features.Web;

/// <summary>
/// The texts of the web application exist in both languages: every feature's file holds the same keys in bokmål and
/// English, none empty, and no key is in two files (the localizer finds a key in whichever file holds it).
/// </summary>
public class WebTextsTests
{
    private static SortedSet<string> Keys(CultureInfo culture) =>
        new(WebTexts.Files.SelectMany(f => WebTexts.KeysOf(f, culture)), StringComparer.Ordinal);

    private static string Text(string key, CultureInfo culture) =>
        WebTexts.Find(key, culture) ?? throw new KeyNotFoundException(key);

    [Fact]
    public void TheTexts_AreSplitPerFeature_EachFileBesideItsPages()
    {
        var files = WebTexts.Files.Select(f => f.BaseName).ToList();

        // The shell's and shared words, and at least the features that have pages.
        Assert.Contains("Forlop.App.Features.Web.WebTexts", files);
        foreach (var feature in new[] { "Episodes.EpisodeTexts", "TrackingList.TrackingListTexts", "Dashboards.DashboardTexts", "Accounts.AccountTexts", "Registration.RegistrationTexts" })
        {
            Assert.Contains("Forlop.App.Features." + feature, files);
        }
        Assert.All(WebTexts.Files, f => Assert.NotEmpty(WebTexts.KeysOf(f, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void EveryFile_HoldsTheSameKeysInEnglishAsInTheNorwegianDefault()
    {
        var missing = new List<string>();
        foreach (var file in WebTexts.Files)
        {
            var norwegian = WebTexts.KeysOf(file, CultureInfo.InvariantCulture).ToHashSet(StringComparer.Ordinal);
            var english = WebTexts.KeysOf(file, CultureInfo.GetCultureInfo("en")).ToHashSet(StringComparer.Ordinal);
            missing.AddRange(norwegian.Except(english).Select(k => $"{file.BaseName}: '{k}' has no English text"));
            missing.AddRange(english.Except(norwegian).Select(k => $"{file.BaseName}: '{k}' has no Norwegian text"));
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
        Assert.NotEmpty(Keys(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void NoKey_IsInTwoFiles()
    {
        var twice = WebTexts.Files.SelectMany(f => WebTexts.KeysOf(f, CultureInfo.InvariantCulture).Select(k => (Key: k, File: f.BaseName)))
            .GroupBy(x => x.Key, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.File))}").ToList();

        Assert.True(twice.Count == 0, string.Join("\n", twice));
    }

    [Fact]
    public void EveryText_IsNonEmptyInBothLanguages()
    {
        foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("en") })
        {
            var empty = WebTexts.Files.SelectMany(f => f.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>())
                .Where(e => string.IsNullOrWhiteSpace(e.Value as string)).Select(e => (string)e.Key).ToList();

            Assert.True(empty.Count == 0, $"empty in '{culture.Name}': {string.Join(", ", empty)}");
        }
    }

    [Fact]
    public void TheLocalizer_FindsAKeyInAnyFeaturesFile_InTheReadersLanguage()
    {
        var localizer = new WebTextsLocalizer();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("Wrong user name or password", localizer["Login.Failed"].Value); // Accounts
            Assert.False(localizer["Tracking.State"].ResourceNotFound);                    // TrackingList
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nb-NO");
            Assert.Equal("Feil brukernavn eller passord", localizer["Login.Failed"].Value);
            var missing = localizer["No.Such.Key"];
            Assert.True(missing.ResourceNotFound);
            Assert.Equal("No.Such.Key", missing.Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void EveryTreatmentTypeAndAccessLogDescription_HasItsText()
    {
        var keys = Keys(CultureInfo.InvariantCulture);

        Assert.All(Enum.GetNames<Forlop.Domain.Catalogue.TreatmentType>(), name => Assert.Contains("Treatment." + name, keys));
        Assert.All(Forlop.App.Features.AccessLog.AccessLogDescription.Kinds, kind => Assert.Contains("AccessLog.What." + kind.Key, keys));
    }

    [Theory]
    // What the application writes (EpisodeTimeline, RegisterEvent, EpisodesBehindFigure), as the access-log page shows it.
    [InlineData("timeline: episode 254492", "Åpnet tidslinjen til forløp 254492")]
    [InlineData("corrected record r-17: A12F 2026-11-02", "Korrigerte registrering r-17: A12F 2026-11-02")]
    // RecordDeviationReason and RecordRecommendedAction.
    [InlineData("deviation reason for OF1 of episode 12: capacity (mr)", "Registrerte avviksårsak for OF1 i forløp 12: capacity (mr)")]
    [InlineData("recommended action coordinator-named of episode 12 done 2026-12-01", "Registrerte anbefalt tiltak coordinator-named i forløp 12 som utført 2026-12-01")]
    [InlineData("recommended action coordinator-named of episode 12 not done", "Fjernet anbefalt tiltak coordinator-named som utført i forløp 12")]
    [InlineData("dashboard completed-within-standard 2026-T3 OUS ALL completed: episode 4, 9", "Så forløpene bak et tall i dashbordet (2026-T3, OUS, ALL): forløp 4, 9")]
    [InlineData("dashboard export csv-nb completed-within-standard 2026-T3 OUS ALL over: episode 4, 9", "Lastet ned forløpene bak et tall i dashbordet som fil (csv-nb; 2026-T3, OUS, ALL): forløp 4, 9")]
    // FhirEpisodes: an EpisodeOfCare or its Encounters read over /fhir.
    [InlineData("fhir: episode 12", "Leste forløp 12 over FHIR")]
    public void AccessLogDescription_ReadsAsNorwegian(string what, string expected)
    {
        var (key, arguments) = Forlop.App.Features.AccessLog.AccessLogDescription.Parse(what)!.Value;

        Assert.Equal(expected, string.Format(CultureInfo.InvariantCulture, Text(key, CultureInfo.GetCultureInfo("nb-NO")), arguments));
    }

    [Theory]
    [InlineData("nb-NO", "Feil brukernavn eller passord")]
    [InlineData("en-GB", "Wrong user name or password")]
    public void LoginFailure_IsTranslatedForEachSupportedCulture(string culture, string expected) =>
        Assert.Equal(expected, Text("Login.Failed", CultureInfo.GetCultureInfo(culture)));

    [Theory]
    // The registration form labels its fields as the coding rules name them in a refusal, so the two read alike.
    [InlineData("Field.RecordId", EventColumns.RecordId)]
    [InlineData("Field.NationalId", EventColumns.PatientId)]
    [InlineData("Field.Organisation", EventColumns.Organisation)]
    [InlineData("Field.Code", EventColumns.Code)]
    [InlineData("Field.Date", EventColumns.Date)]
    [InlineData("Field.Time", EventColumns.Time)]
    [InlineData("Field.Outcome", EventColumns.Outcome)]
    public void RegistrationFieldLabels_AreTheColumnsNorwegianLabels(string key, string column) =>
        Assert.Equal(EventColumns.NorwegianLabel(column), Text(key, CultureInfo.GetCultureInfo("nb-NO")));

    [Fact]
    public void NorwegianDate_IsDayMonthYearWithDots() =>
        Assert.Equal("05.03.2026", NorwegianDate.Format(new DateOnly(2026, 3, 5)));
}
