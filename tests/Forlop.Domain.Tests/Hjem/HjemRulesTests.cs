using Forlop.Domain.Hjem;
using Forlop.Domain.Municipalities;
using NodaTime;

namespace Forlop.Domain.Tests.Hjem;

public class HjemRulesTests
{
    private static readonly LocalDate Diagnosed = new(2026, 1, 31);

    [Fact]
    public void Windows_AreThreeToFourAndTwelveToEighteenMonthsAfterTheDiagnosis()
    {
        var windows = HjemRules.Windows(Diagnosed);
        // 31 January plus calendar months: the end of the shorter month, not a day into the next.
        Assert.Equal(new TouchpointWindow(HjemTouchpoint.Early, new LocalDate(2026, 4, 30), new LocalDate(2026, 5, 31)), windows[0]);
        Assert.Equal(new TouchpointWindow(HjemTouchpoint.Late, new LocalDate(2027, 1, 31), new LocalDate(2027, 7, 31)), windows[1]);
    }

    [Theory]
    [InlineData(-15, false, false)] // a day before the fortnight ahead of the window
    [InlineData(-14, false, true)]  // two weeks ahead: due, so the municipality can book it
    [InlineData(40, false, true)]   // past the window and still not held: still due
    [InlineData(0, true, false)]    // held: not due
    public void IsDue_FromTwoWeeksBeforeTheWindowUntilHeld(int daysFromWindow, bool held, bool due)
    {
        var window = HjemRules.Window(HjemTouchpoint.Early, Diagnosed);
        Assert.Equal(due, HjemRules.IsDue(window, held, window.From.PlusDays(daysFromWindow)));
    }

    [Fact]
    public void HandOverRefusal_NamesWhatIsMissing()
    {
        var today = new LocalDate(2026, 6, 1);
        Assert.Contains("diagnosedOn", HjemRules.HandOverRefusal(null, today, [HjemTopic.Family])!.En, StringComparison.Ordinal);
        Assert.Contains("after today", HjemRules.HandOverRefusal(today.PlusDays(1), today, [HjemTopic.Family])!.En, StringComparison.Ordinal);
        Assert.Contains("topics", HjemRules.HandOverRefusal(today, today, [])!.En, StringComparison.Ordinal);
        Assert.Null(HjemRules.HandOverRefusal(today, today, [HjemTopic.OralHealth]));
    }

    [Fact]
    public void ConversationRefusal_HeldBetweenTheDiagnosisAndToday()
    {
        var today = new LocalDate(2026, 6, 1);
        Assert.NotNull(HjemRules.ConversationRefusal(today.PlusDays(1), Diagnosed, today));
        Assert.NotNull(HjemRules.ConversationRefusal(Diagnosed.PlusDays(-1), Diagnosed, today));
        Assert.Null(HjemRules.ConversationRefusal(today, Diagnosed, today));
    }
}

public class MunicipalityRegisterTests
{
    // A reform as the register keeps it: two municipalities merge into a new number from 1 January 2028 (numbers made up for the test).
    private static readonly string Tsv = string.Join('\n', new[]
    {
        "# test",
        "municipality\tname\tcounty\tcounty_name\trhf\tvalid_from\tvalid_to",
        "9901\tNordby\t99\tTestfylke\tHN\t2024-01-01\t2028-01-01",
        "9902\tSørby\t99\tTestfylke\tHN\t2024-01-01\t2028-01-01",
        "9903\tMidtby\t99\tTestfylke\tHN\t2028-01-01\t",
    });

    [Fact]
    public void On_GivesTheMunicipalitiesInForceOnTheDay()
    {
        var register = MunicipalityRegister.ParseTsv(Tsv);
        Assert.Equal(["9901", "9902"], register.On(new LocalDate(2027, 12, 31)).Select(m => m.Number));
        Assert.Equal(["9903"], register.On(new LocalDate(2028, 1, 1)).Select(m => m.Number));
        Assert.Null(register.Find("9901", new LocalDate(2028, 1, 1)));
        Assert.Equal("Midtby", register.Find("9903", new LocalDate(2030, 1, 1))!.Name);
    }
}
