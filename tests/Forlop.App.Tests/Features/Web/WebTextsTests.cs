using System.Collections;
using System.Globalization;
using System.Resources;
using Forlop.App.Features.Web;
using Forlop.Domain.Registry;

namespace Forlop.App.Tests.Features.Web;

/// <summary>The texts of the web application exist in both languages.</summary>
public class WebTextsTests
{
    private static readonly ResourceManager Texts = new(typeof(WebTexts));

    private static SortedSet<string> Keys(CultureInfo culture) =>
        new(Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>().Select(e => (string)e.Key), StringComparer.Ordinal);

    [Fact]
    public void EnglishTexts_HoldTheSameKeysAsTheNorwegianDefault()
    {
        var norwegian = Keys(CultureInfo.InvariantCulture);
        var english = Keys(CultureInfo.GetCultureInfo("en"));

        Assert.NotEmpty(norwegian);
        Assert.Equal(norwegian, english);
    }

    [Fact]
    public void EveryText_IsNonEmptyInBothLanguages()
    {
        foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("en") })
        {
            var empty = Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>()
                .Where(e => string.IsNullOrWhiteSpace(e.Value as string)).Select(e => (string)e.Key).ToList();

            Assert.True(empty.Count == 0, $"empty in '{culture.Name}': {string.Join(", ", empty)}");
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
    public void AccessLogDescription_ReadsAsNorwegian(string what, string expected)
    {
        var (key, arguments) = Forlop.App.Features.AccessLog.AccessLogDescription.Parse(what)!.Value;

        Assert.Equal(expected, string.Format(CultureInfo.InvariantCulture, Texts.GetString(key, CultureInfo.GetCultureInfo("nb-NO"))!, arguments));
    }

    [Theory]
    [InlineData("nb-NO", "Feil brukernavn eller passord")]
    [InlineData("en-GB", "Wrong user name or password")]
    public void LoginFailure_IsTranslatedForEachSupportedCulture(string culture, string expected) =>
        Assert.Equal(expected, Texts.GetString("Login.Failed", CultureInfo.GetCultureInfo(culture)));

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
        Assert.Equal(EventColumns.NorwegianLabel(column), Texts.GetString(key, CultureInfo.GetCultureInfo("nb-NO")));

    [Fact]
    public void NorwegianDate_IsDayMonthYearWithDots() =>
        Assert.Equal("05.03.2026", NorwegianDate.Format(new DateOnly(2026, 3, 5)));
}
