using Forlop.Domain.Codes;
using Forlop.Domain.Organisations;

namespace Forlop.Domain.Tests.Organisations;

public class OrganisationDirectoryTests
{
    private static readonly OrganisationDirectory Directory = TestOrganisations.Directory;

    [Theory]
    [InlineData("AHUS", "AHUS", "HSO")]      // an HF is its own HF
    [InlineData("AHUS-KIR", "AHUS", "HSO")]  // a unit belongs to its HF
    [InlineData("LDS", "LDS", "HSO")]        // an ideell hospital counts at HF level
    [InlineData("UNN", "UNN", "HN")]         // another region
    public void HfOfAndRhfOf_WalkUpTheTree(string code, string hf, string rhf)
    {
        Assert.Equal(hf, Directory.HfOf(code)!.Code);
        Assert.Equal(rhf, Directory.RhfOf(code)!.Code);
    }

    [Fact]
    public void HfOf_AnRhf_IsNull()
    {
        Assert.Null(Directory.HfOf("HSO"));
        Assert.Equal("HSO", Directory.RhfOf("HSO")!.Code);
    }

    [Fact]
    public void Find_UnknownCode_IsNull()
    {
        Assert.Null(Directory.Find("XYZ"));
        Assert.Null(Directory.HfOf("XYZ"));
        Assert.Null(Directory.RhfOf("XYZ"));
    }

    [Fact]
    public void New_TwiceTheSameCode_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new OrganisationDirectory(
            [new(OrganisationCode.Parse("HSO"), OrganisationKind.Rhf, null, "a"), new(OrganisationCode.Parse("HSO"), OrganisationKind.Rhf, null, "b")]));

    [Theory]
    [InlineData(OrganisationKind.Hf, null)]          // an HF without its RHF
    [InlineData(OrganisationKind.Hf, "AHUS")]        // an HF under an HF
    [InlineData(OrganisationKind.Unit, "HSO")]       // a unit directly under an RHF
    [InlineData(OrganisationKind.Ideell, "NOPE")]    // a parent that does not exist
    public void New_WrongParent_IsRefused(OrganisationKind kind, string? parent) =>
        Assert.Throws<ArgumentException>(() => new OrganisationDirectory(
        [
            new(OrganisationCode.Parse("HSO"), OrganisationKind.Rhf, null, "Helse Sør-Øst RHF"),
            new(OrganisationCode.Parse("AHUS"), OrganisationKind.Hf, OrganisationCode.Parse("HSO"), "Akershus universitetssykehus HF"),
            new(OrganisationCode.Parse("NEW"), kind, parent is null ? null : OrganisationCode.Parse(parent), "New"),
        ]));

    [Fact]
    public void ParseTsv_ReadsKindsAndParentsAndSkipsComments()
    {
        var organisations = OrganisationDirectory.ParseTsv("# a comment\r\ncode\tkind\tparent\tname\r\nHSO\trhf\t\tHelse Sør-Øst RHF\r\nAHUS\thf\tHSO\tAkershus\r\nAHUS-1\tunit\tAHUS\tA unit\r\n\r\n").ToList();

        Assert.Equal(
        [
            new Organisation(OrganisationCode.Parse("HSO"), OrganisationKind.Rhf, null, "Helse Sør-Øst RHF"),
            new Organisation(OrganisationCode.Parse("AHUS"), OrganisationKind.Hf, OrganisationCode.Parse("HSO"), "Akershus"),
            new Organisation(OrganisationCode.Parse("AHUS-1"), OrganisationKind.Unit, OrganisationCode.Parse("AHUS"), "A unit"),
        ], organisations);
    }

    [Theory]
    [InlineData("code\tkind\tparent\tname\nHSO\trhf")]            // too few cells
    [InlineData("code\tkind\tparent\tname\nHSO\tregion\t\tHSØ")]  // an unknown kind
    public void ParseTsv_BadLine_IsRefused(string text) =>
        Assert.Throws<FormatException>(() => OrganisationDirectory.ParseTsv(text).ToList());
}
