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
