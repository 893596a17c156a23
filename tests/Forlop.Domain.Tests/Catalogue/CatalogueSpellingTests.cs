using Forlop.Domain.Catalogue;

namespace Forlop.Domain.Tests.Catalogue;

public class CatalogueSpellingTests
{
    [Theory]
    [InlineData("cancer-treatment", true)]  // the documented spelling
    [InlineData("CancerTreatment", false)]  // the C# name is not the file format
    [InlineData("Cancer-Treatment", false)] // nor is a capitalised kebab
    [InlineData("cancer_treatment", false)] // nor snake case
    public void TryParseEnum_AcceptsOnlyKebabCase(string text, bool accepted) =>
        Assert.Equal(accepted, PathwayFileParser.TryParseEnum<DecisionKind>(text, out _));

    [Fact]
    public void Kebab_AndTryParseEnum_AreInverses()
    {
        foreach (var value in Enum.GetValues<EventKind>())
        {
            Assert.True(PathwayFileParser.TryParseEnum<EventKind>(PathwayFileParser.Kebab(value.ToString()), out var back));
            Assert.Equal(value, back);
        }
    }
}
