using System.Text.Json;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Codes;
using Forlop.Domain.Tests.RealCatalogue;

namespace Forlop.Domain.Tests.Codes;

/// <summary>
/// The code types check a code once, where it enters, and say what is wrong in both languages; inside, a code is its
/// type. The real catalogue's every code is one of them (<see cref="EveryCodeOfTheRealCatalogue_IsItsType"/>).
/// </summary>
public class CodeTests
{
    [Theory]
    [InlineData("A12", true)]   // cancer, from the Kodeveileder
    [InlineData("B01", true)]
    [InlineData("DGRA", true)]  // a mental-health type code (Volven 9321)
    [InlineData("HJEM", true)]
    [InlineData("a12", false)]  // the guide writes codes in capitals; a lower-case code is a typing error, not a variant
    [InlineData("A-12", false)]
    [InlineData("A12 ", false)] // nothing is trimmed inside: the edges trim
    [InlineData("ABCDEFGHI", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void PathwayCode_AcceptsTheGuidesShapeOnly(string? text, bool accepted)
    {
        Assert.Equal(accepted, PathwayCode.TryParse(text, out var code, out var problem));
        if (accepted)
        {
            Assert.Equal(text, code.Value);
            Assert.Null(problem);
        }
        else
        {
            Assert.NotNull(problem);
            Assert.Contains("forløpskode", problem.Nb, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("pathway code", problem.En, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(default, code);
        }
    }

    [Theory]
    [InlineData("A12CK", true)]
    [InlineData("X9377E", true)]          // a shared code of the current mental-health shape
    [InlineData("A12CK1234567890AB", false)] // 17 characters
    [InlineData("A12 CK", false)]
    [InlineData("A12;CK", false)]
    public void EventCode_IsLettersAndDigits_UpTo16(string text, bool accepted) =>
        Assert.Equal(accepted, EventCode.TryParse(text, out _, out _));

    [Theory]
    [InlineData("OUS", true)]
    [InlineData("OUS-KIR", true)]  // a unit an installation adds
    [InlineData("hf_01", true)]
    [InlineData("-OUS", false)]
    [InlineData("OUS KIR", false)]
    [InlineData("OUS/KIR", false)]
    public void OrganisationCode_AllowsTheUnitsDashesAndUnderscores(string text, bool accepted) =>
        Assert.Equal(accepted, OrganisationCode.TryParse(text, out _, out _));

    [Theory]
    [InlineData("OF4", true)]
    [InlineData("EV1", true)]
    [InlineData("of4", false)]
    [InlineData("OF 4", false)]
    public void IntervalId_IsCapitalsAndDigits(string text, bool accepted) =>
        Assert.Equal(accepted, IntervalId.TryParse(text, out _, out _));

    [Fact]
    public void AProblem_ShowsTheTextItRefused_Shortened_InBothLanguages()
    {
        Assert.False(PathwayCode.TryParse("A1;" + new string('x', 100), out _, out var problem));
        Assert.StartsWith("«A1;xxx", problem.Nb, StringComparison.Ordinal);
        Assert.Contains("…", problem.Nb, StringComparison.Ordinal);
        Assert.True(problem.Nb.Length < 120, problem.Nb);
        Assert.StartsWith("'A1;xxx", problem.En, StringComparison.Ordinal);
        Assert.False(EventCode.TryParse(" ", out _, out var blank));
        Assert.Equal("' ' is not a measurement point code: only letters (a–z) and digits", blank.En);
        Assert.False(IntervalId.TryParse("", out _, out var missing));
        Assert.Equal("Intervallkode mangler.", missing.Nb);
    }

    [Fact]
    public void Parse_ThrowsForTheProgramsOwnMistakes()
    {
        Assert.Equal("A12", PathwayCode.Parse("A12").Value);
        var thrown = Assert.Throws<FormatException>(() => PathwayCode.Parse("A 12"));
        Assert.Contains("pathway code", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Codes_CompareOrdinally_AndEqualOnlyTheSameText()
    {
        var codes = new[] { "B01", "A12", "A02", "C01" }.Select(PathwayCode.Parse).Order().Select(c => c.Value);
        Assert.Equal(["A02", "A12", "B01", "C01"], codes);
        Assert.Equal(PathwayCode.Parse("A12"), PathwayCode.Parse("A12"));
        Assert.NotEqual(OrganisationCode.Parse("ous"), OrganisationCode.Parse("OUS"));
        Assert.True(PathwayCode.Parse("A02") < PathwayCode.Parse("A12"));
        Assert.Equal("", default(PathwayCode).Value);
        Assert.Equal(StringComparer.Ordinal.GetHashCode("OF4"), IntervalId.Parse("OF4").GetHashCode());
    }

    [Fact]
    public void EventCode_BelongsToThePathwayWhoseCodeItCarries()
    {
        Assert.True(EventCode.Parse("A12CK").BelongsTo(PathwayCode.Parse("A12")));
        Assert.False(EventCode.Parse("X9377E").BelongsTo(PathwayCode.Parse("D11")));
        Assert.False(EventCode.Parse("A12CK").BelongsTo(default));
    }

    [Fact]
    public void Json_WritesTheText_AndReadsThroughTheCheck()
    {
        var json = JsonSerializer.Serialize(new { Pathway = PathwayCode.Parse("A12"), Interval = IntervalId.Parse("OF4") });
        Assert.Equal("""{"Pathway":"A12","Interval":"OF4"}""", json);
        Assert.Equal(EventCode.Parse("A12CK"), JsonSerializer.Deserialize<EventCode>("\"A12CK\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<EventCode>("\"A12 CK\""));
        var byCode = JsonSerializer.Serialize(new Dictionary<PathwayCode, int> { [PathwayCode.Parse("B01")] = 3 });
        Assert.Equal("""{"B01":3}""", byCode);
    }

    [Fact]
    public void EveryCodeOfTheRealCatalogue_IsItsType()
    {
        var catalogue = RealCatalogueData.Real;
        Assert.NotEmpty(catalogue.Pathways);
        foreach (var pathway in catalogue.Pathways)
        {
            Assert.True(PathwayCode.TryParse(pathway.Code.Value, out _, out _), pathway.Code.Value);
            Assert.All(pathway.Events, e => Assert.True(e.Code.BelongsTo(pathway.Code), $"{e.Code} of {pathway.Code}"));
            Assert.All(pathway.Intervals, i => Assert.NotEqual(default, i.Id));
        }
        Assert.All(RealCatalogueData.Organisations.All, o => Assert.True(OrganisationCode.TryParse(o.Code, out _, out _), o.Code));
    }
}
