using Forlop.Domain.Catalogue;
using Forlop.Domain.Tests.RealCatalogue;
using NodaTime;

namespace Forlop.Domain.Tests.Catalogue;

/// <summary>
/// The shipped catalogue against the pathway numbers a source confirms (reference/pathways.md §1.1, and the sources
/// named in docs/catalog.md, "Confirmed pathway numbers"): each confirmed number belongs to its own pathway, carries its
/// name and is marked verified, and no placeholder can sit on a number a source gives to another pathway.
/// </summary>
public class ConfirmedPathwayNumbersTests
{
    /// <summary>Number → (a word of the pathway's bokmål name, the source). Add a row when a source confirms a number.</summary>
    public static TheoryData<string, string, string> Confirmed => new()
    {
        { "A12", "Tykk- og endetarmskreft", "reference/pathways.md §1.1: helsedirektoratet.no, registrering av koder, tykk- og endetarmskreft" },
        { "A16", "Prostatakreft", "reference/pathways.md §1.1: Helse Nord-Trøndelag's procedure map" },
        { "A21", "Eggstokkreft", "reference/pathways.md §1.1: helsedirektoratet.no, registrering av koder, eggstokkreft" },
        { "A22", "Livmorhalskreft", "Helse Nord-Trøndelag's procedure map for livmorhalskreft (data.hnt.no doc_23465): A22A, A22S, A22B, A22O, A22C*, A22FS, A22FK" },
        { "A32", "Kreft i spiserør og magesekk", "reference/pathways.md §1.1: Helsedirektoratet's coding page shows A32S, A32O, A32CK, A32CM, A32CA, A32CI" },
        { "A34", "Primær leverkreft", "reference/pathways.md §1.1; helsedirektoratet.no, utredning av primær leverkreft: A34S, A34O, A34C*" },
        { "A36", "Sarkom", "reference/pathways.md §1.1: helsedirektoratet.no, registrering av koder, sarkom" },
        { "A37", "Skjoldbruskkjertelkreft", "reference/pathways.md §1.1: helsedirektoratet.no, kreft i skjoldbruskkjertelen" },
        { "A40", "Galleveiskreft", "Helse Nord-Trøndelag's procedure map for galleveiskreft (data.hnt.no doc_23456): A40A, A40S, A40O, A40C*" },
        { "B01", "Metastaser med ukjent utgangspunkt", "reference/pathways.md §1.1: Kodeveileder for metastaser, 'All koding … begynner med B01'" },
        { "C01", "Diagnostisk pakkeforløp", "reference/pathways.md §1.1: the pathway's coding page (C01CK, C01CU, C01CA, C01CI, C01X)" },
    };

    private static PathwayCatalogue Catalogue => RealCatalogueData.Real;

    [Theory]
    [MemberData(nameof(Confirmed))]
    public void ConfirmedNumber_BelongsToItsPathway_Verified(string code, string name, string source)
    {
        var pathway = Catalogue.Pathway(code);

        Assert.NotNull(pathway);
        Assert.StartsWith(name, pathway.Name.Nb, StringComparison.Ordinal);
        Assert.True(pathway.Provenance.Verified, $"{code} is confirmed by {source} but marked unverified");
        Assert.DoesNotContain("placeholder", pathway.Provenance.Source, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Placeholder_NeverSitsOnAConfirmedNumber()
    {
        var confirmed = Confirmed.Select(row => row.Data.Item1).ToHashSet(StringComparer.Ordinal);

        var placeholders = Catalogue.Pathways.Where(p => p.Family == PathwayFamily.Cancer && !p.Provenance.Verified).ToList();

        Assert.NotEmpty(placeholders);
        Assert.All(placeholders, p =>
        {
            Assert.DoesNotContain(p.Code, confirmed);
            Assert.Contains("placeholder", p.Provenance.Source, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void VerifiedCancerPathway_IsOneOfTheConfirmedNumbers()
    {
        // A pathway may be marked verified only once its number is in the list above, with its source.
        var confirmed = Confirmed.Select(row => row.Data.Item1).ToHashSet(StringComparer.Ordinal);

        Assert.All(Catalogue.Pathways.Where(p => p.Family == PathwayFamily.Cancer && p.Provenance.Verified),
            p => Assert.Contains(p.Code, confirmed));
    }

    [Theory]
    // reference/pathways.md §1.1: bryst, lunge, tykk-/endetarm and prostata started 1 Jan 2015.
    [InlineData("Brystkreft", "2015-01-01")]
    [InlineData("Lungekreft", "2015-01-01")]
    [InlineData("Tykk- og endetarmskreft", "2015-01-01")]
    [InlineData("Prostatakreft", "2015-01-01")]
    // §1.1: the ten pathways of 1 May 2015 (a hospital's news page, pko-ahus.no).
    [InlineData("Testikkelkreft", "2015-05-01")]
    [InlineData("Blærekreft", "2015-05-01")]
    [InlineData("Nyrekreft", "2015-05-01")]
    [InlineData("Kreft i spiserør og magesekk", "2015-05-01")]
    [InlineData("Hode-halskreft", "2015-05-01")]
    [InlineData("Lymfomer", "2015-05-01")]
    [InlineData("Eggstokkreft", "2015-05-01")]
    [InlineData("Livmorkreft", "2015-05-01")]
    [InlineData("Livmorhalskreft", "2015-05-01")]
    [InlineData("Diagnostisk pakkeforløp", "2015-05-01")]
    // §1.1: the remaining fourteen started 1 Sep 2015; peniskreft by elimination.
    [InlineData("Peniskreft", "2015-09-01")]
    [InlineData("Primær leverkreft", "2015-09-01")]
    [InlineData("Sarkom", "2015-09-01")]
    [InlineData("Skjoldbruskkjertelkreft", "2015-09-01")]
    [InlineData("Metastaser med ukjent utgangspunkt", "2015-09-01")]
    [InlineData("Akutt leukemi", "2015-09-01")]
    public void CancerPathway_StartsOnTheDayOfItsList(string name, string validFrom)
    {
        var pathway = Assert.Single(Catalogue.Pathways, p => p.Family == PathwayFamily.Cancer && p.Name.Nb.StartsWith(name, StringComparison.Ordinal));

        Assert.Equal(RealCatalogueData.D(validFrom), pathway.ValidFrom);
    }

    [Fact]
    public void StartLists_TenInMay_FourInJanuary_FourteenInSeptember()
    {
        // reference/pathways.md §1.1: 28 pathways started in 2015: 4 on 1 Jan, 10 on 1 May, 14 on 1 Sep.
        var byDay = Catalogue.Pathways.Where(p => p.Family == PathwayFamily.Cancer)
            .GroupBy(p => p.ValidFrom).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(4, byDay[new LocalDate(2015, 1, 1)]);
        Assert.Equal(10, byDay[new LocalDate(2015, 5, 1)]);
        Assert.Equal(14, byDay[new LocalDate(2015, 9, 1)]);
        Assert.Equal(28, byDay.Values.Sum());
    }

    [Fact]
    public void AcuteLeukaemia_KeepsItsTimesUnderAPlaceholder_WithdrawnAfter2021_04_30()
    {
        // reference/pathways.md §1.3: acute leukaemia OF1 2, OF2 5, OF3 drug 1, OF4 drug 8; its number is not A32.
        var leukaemia = Assert.Single(Catalogue.Pathways, p => p.Name.Nb.StartsWith("Akutt leukemi", StringComparison.Ordinal));

        Assert.NotEqual("A32", leukaemia.Code);
        Assert.False(leukaemia.Provenance.Verified);
        Assert.Equal(new LocalDate(2021, 4, 30), leukaemia.ValidTo);
        Assert.Equal(8, leukaemia.Interval("OF4")!.StandardOn(new LocalDate(2016, 1, 1), TreatmentType.Drug)!.Limit);
        Assert.Equal(2, leukaemia.Interval("OF1")!.StandardOn(new LocalDate(2016, 1, 1))!.Limit);
    }

    [Theory]
    // reference/pathways.md §1.3: primær leverkreft, "resection, ablation or chemoembolisation" 14/39 (coded FK) and drug 7/32.
    [InlineData("OF3", TreatmentType.Surgery, 14)]
    [InlineData("OF4", TreatmentType.Surgery, 39)]
    [InlineData("OF3", TreatmentType.Drug, 7)]
    [InlineData("OF4", TreatmentType.Drug, 32)]
    public void LiverCancer_A34_HasItsVerifiedTimes(string interval, TreatmentType treatment, int limit)
    {
        var liver = Catalogue.Pathway("A34")!;

        var standard = liver.Interval(interval)!.StandardOn(new LocalDate(2024, 3, 1), treatment)!;

        Assert.Equal(limit, standard.Limit);
        Assert.True(standard.Provenance.Verified);
        // The treatment that meets the standard is a qualifying one: it counts as completed (reference/pathways.md §1.4).
        Assert.True(liver.Events.Single(e => e.Treatment == treatment).IsCountedTreatment);
    }

    [Theory]
    // reference/pathways.md §1.3: the new testicular times from 1 May 2021 (30 Apr 2021 is only the page's edit date).
    [InlineData("2021-04-30", TreatmentType.Surgery, 31)]
    [InlineData("2021-05-01", TreatmentType.Surgery, 45)]
    [InlineData("2021-04-30", TreatmentType.Drug, 38)]
    [InlineData("2021-05-01", TreatmentType.Drug, 31)]
    public void TesticularCancer_NewTimesFrom2021_05_01(string start, TreatmentType treatment, int limit)
    {
        var testis = Assert.Single(Catalogue.Pathways, p => p.Name.Nb == "Testikkelkreft");

        Assert.Equal(limit, testis.Interval("OF4")!.StandardOn(RealCatalogueData.D(start), treatment)!.Limit);
    }

    [Fact]
    public void BiopsyTaken_IsReadInEveryOrganSpecificPathway_ButNoIntervalUsesIt()
    {
        // reference/pathways.md §1.1: "Biopsi tatt" (AxxB) is a point of the 2014/15 guide; data from 2015 may carry it.
        var organSpecific = Catalogue.Pathways.Where(p => p.Family == PathwayFamily.Cancer && p.Code.Value.StartsWith('A')).ToList();

        Assert.All(organSpecific, p =>
        {
            var biopsy = Assert.Single(p.Events, e => e.Code == p.Code + "B");
            Assert.False(biopsy.EndsEpisode);
            Assert.DoesNotContain(p.Intervals, i => i.From == biopsy.Code || i.To == biopsy.Code);
        });
    }
}
