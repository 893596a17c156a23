using Forlop.Domain;
using Forlop.App.Features.Exports;
using Forlop.Domain.Catalogue;

namespace Forlop.App.Tests.Features.Exports;

/// <summary>The indicator warnings as the Excel and PDF files say them: in bokmål, every number and code kept.</summary>
public class ExportNotesTests
{
    [Theory]
    // CompletedWithinStandard's warning, with a treatment type the catalogue has no OF4 standard for.
    [InlineData("3 completed A01 surgery pathway(s) not counted: the catalogue has no OF4 standard for them",
        "3 gjennomførte forløp i A01 (kirurgisk behandling) er ikke talt med: katalogen har ingen standard for OF4 for dem")]
    // The cubes' warning without a treatment type …
    [InlineData("12 measured OF4 of A12 not counted: the catalogue has no standard for them",
        "12 målte OF4 i A12 er ikke talt med: katalogen har ingen standard for dem")]
    // … and with one.
    [InlineData("1 measured OF4 of A01 (symptom-relief) not counted: the catalogue has no standard for them",
        "1 målte OF4 i A01 (symptomlindrende behandling) er ikke talt med: katalogen har ingen standard for dem")]
    // A warning of a kind not known here is kept, not lost.
    [InlineData("no new cancer cases of OUS were imported for 2016-T3: no share for OUS",
        "no new cancer cases of OUS were imported for 2016-T3: no share for OUS")]
    public void Norwegian_SaysTheWarningInBokmal(string warning, string expected) =>
        Assert.Equal(expected, ExportNotes.Norwegian(warning));

    [Fact]
    public void Treatment_NamesEveryTreatmentTypeInBokmal()
    {
        foreach (var treatment in Enum.GetValues<TreatmentType>())
        {
            var text = ExportNotes.Treatment(treatment);

            Assert.NotEqual(EnumNames.Of(treatment), text);
            Assert.DoesNotContain(treatment.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
