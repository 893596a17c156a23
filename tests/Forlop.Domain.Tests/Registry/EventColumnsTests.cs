using Forlop.Domain.Catalogue;
using Forlop.Domain.Registry;

namespace Forlop.Domain.Tests.Registry;

public class EventColumnsTests
{
    [Fact]
    public void All_IsTheNineColumnsOfTheContractInItsOrder() =>
        Assert.Equal(["record_id", "patient_id", "organisation", "code", "date", "time", "outcome", "replaces", "cancel", "setting", "deviation_reason", "deviation_resource", "deviation_text"], EventColumns.All);

    [Theory]
    [InlineData("record_id", "Registrerings-ID")]
    [InlineData("patient_id", "Fødselsnummer")]
    [InlineData("organisation", "Helseforetak eller enhet")]
    [InlineData("code", "Målepunkt (kode)")]
    [InlineData("date", "Dato")]
    [InlineData("time", "Klokkeslett")]
    [InlineData("outcome", "Utfallskode")]
    [InlineData("replaces", "Erstatter registrering")]
    [InlineData("cancel", "Trekk tilbake")]
    public void NorwegianLabel_OfEachColumn_IsTheFormsLabel(string column, string label) =>
        Assert.Equal(label, EventColumns.NorwegianLabel(column));

    [Fact]
    public void NorwegianLabel_EveryColumnARefusalCanName_HasOne()
    {
        // A refusal can only name a column of EventColumns.All (its constructor checks), so a label for each of
        // those covers every refusal; the refusal tests also look up the label of each refusal they provoke.
        Assert.All(EventColumns.All, c => Assert.False(string.IsNullOrWhiteSpace(EventColumns.NorwegianLabel(c))));
        Assert.Equal(EventColumns.All.Count, EventColumns.All.Select(EventColumns.NorwegianLabel).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("Date")]                     // column names are lower case in the domain, whatever the file's header
    [InlineData("patient")]                  // not a column
    [InlineData("")]                         // nothing
    public void NorwegianLabel_OfWhatIsNotAColumn_Throws(string name) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EventColumns.NorwegianLabel(name));

    [Fact]
    public void Refusal_NamingWhatIsNotAColumn_CannotBeMade() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Refusal("patient", new LocalizedText(Nb: "Mangler.", En: "is missing")));

    [Fact]
    public void Refusal_Message_IsTheEnglishText() =>
        Assert.Equal("is missing", new Refusal("date", new LocalizedText(Nb: "Datoen mangler.", En: "is missing")).Message);
}
