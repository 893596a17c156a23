using System.Text.RegularExpressions;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Registry;

namespace Forlop.Domain.Tests;

/// <summary>
/// What every bokmål text shown to coordinators must be: present, not the English text, a sentence, with its own
/// dates written dd.MM.yyyy. Called for every refusal and finding the tests provoke, so each breaking row checks it.
/// </summary>
internal static partial class NorwegianText
{
    public static void AssertWritten(LocalizedText text)
    {
        Assert.False(string.IsNullOrWhiteSpace(text.Nb), $"no Norwegian text beside '{text.En}'");
        Assert.NotEqual(text.En, text.Nb);
        Assert.False(char.IsLower(text.Nb[0]), $"starts in lower case: {text.Nb}");
        Assert.EndsWith(".", text.Nb, StringComparison.Ordinal);
        // Values echoed back as typed («…») may hold anything; the rest of the text must be Norwegian.
        var own = Echoed().Replace(text.Nb, "«»");
        Assert.DoesNotMatch(IsoDate(), own);
        Assert.DoesNotMatch(EnglishWord(), own);
    }

    /// <summary>A refusal: its text, and a label for the form's field it names.</summary>
    public static void AssertWritten(Refusal refusal)
    {
        AssertWritten(refusal.Reason);
        Assert.Contains(refusal.Column, EventColumns.All);
        Assert.False(string.IsNullOrWhiteSpace(EventColumns.NorwegianLabel(refusal.Column)));
    }

    [GeneratedRegex("«[^»]*»")]
    private static partial Regex Echoed();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();

    // Words of the English texts that have no place in a Norwegian one.
    [GeneratedRegex(@"\b(the|is|dated|record|pathway|must|cannot|missing|already)\b")]
    private static partial Regex EnglishWord();
}
