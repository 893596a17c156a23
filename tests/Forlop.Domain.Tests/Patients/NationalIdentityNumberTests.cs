using Forlop.Domain.Patients;
using NodaTime;

namespace Forlop.Domain.Tests.Patients;

public class NationalIdentityNumberTests
{
    [Theory]
    [InlineData("04837200798", NationalIdentityNumberKind.Synthetic, 1972, 3, 4)]   // worked example: month + 80
    [InlineData("16906601463", NationalIdentityNumberKind.Synthetic, 1966, 10, 16)] // worked example
    [InlineData("41019012393", NationalIdentityNumberKind.DNumber, 1990, 1, 1)]     // day + 40
    [InlineData("01509012330", NationalIdentityNumberKind.HNumber, 1990, 10, 1)]    // month + 40
    [InlineData("29020050088", NationalIdentityNumberKind.BirthNumber, 2000, 2, 29)] // individual 500–999, year ≤ 39: 2000s; a leap day
    [InlineData("31129949980", NationalIdentityNumberKind.BirthNumber, 1999, 12, 31)] // individual 000–499: 1900s
    [InlineData("02013299997", NationalIdentityNumberKind.BirthNumber, 2032, 1, 2)]  // Skatteetaten's 2032 example, remainder 0
    public void TryParse_ValidNumber_ReadsKindAndBirthDate(string text, NationalIdentityNumberKind kind, int year, int month, int day)
    {
        Assert.True(NationalIdentityNumber.TryParse(text, out var number, out var error), error);
        Assert.Equal(kind, number.Kind);
        Assert.Equal(new LocalDate(year, month, day), number.BirthDate);
        Assert.True(number.CenturyIsCertain);
    }

    [Theory]
    [InlineData("30108299939")] // Skatteetaten's example of a number issued in 2032: first check sum leaves remainder 1
    [InlineData("01019012405")] // first check sum leaves remainder 3: valid only under the 2032 rule
    public void TryParse_ValidOnlyUnderThe2032Rule_IsAcceptedWithUncertainCentury(string text)
    {
        Assert.True(NationalIdentityNumber.TryParse(text, out var number, out var error), error);
        Assert.False(number.CenturyIsCertain);
    }

    [Theory]
    [InlineData("04837200797", "check digits")]   // second check digit changed
    [InlineData("04837200788", "check digits")]   // first check digit changed so no rule holds
    [InlineData("0483720079", "11 digits")]       // too short
    [InlineData("048372007981", "11 digits")]     // too long
    [InlineData("0483720079x", "11 digits")]      // not a digit
    [InlineData("", "11 digits")]                 // empty
    [InlineData("30029012373", "birth date")]     // 30 February (check digits valid)
    [InlineData("01139012328", "birth date")]     // month 13 (check digits valid)
    public void TryParse_InvalidNumber_SaysWhy(string text, string reason)
    {
        Assert.False(NationalIdentityNumber.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Masked_ShowsTheBirthDatePartOnly() =>
        Assert.Equal("048372*****", NationalIdentityNumber.Parse("04837200798").Masked);

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionWithTheReason() =>
        Assert.Contains("11 digits", Assert.Throws<FormatException>(() => NationalIdentityNumber.Parse("123")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(NationalIdentityNumberKind.BirthNumber)]
    [InlineData(NationalIdentityNumberKind.DNumber)]
    [InlineData(NationalIdentityNumberKind.HNumber)]
    [InlineData(NationalIdentityNumberKind.Synthetic)]
    public void TryCreate_GivesNumbersThatParseBackToTheSameKindAndDate(NationalIdentityNumberKind kind)
    {
        var made = 0;
        for (var individual = 0; individual < 500; individual++)
        {
            if (NationalIdentityNumber.TryCreate(new LocalDate(1972, 3, 4), individual, kind, out var number))
            {
                made++;
                var parsed = NationalIdentityNumber.Parse(number.Value);
                Assert.Equal((kind, new LocalDate(1972, 3, 4)), (parsed.Kind, parsed.BirthDate));
            }
        }
        // Check digit 10 rules out some individual numbers, but most fit.
        Assert.InRange(made, 300, 500);
    }
}
