using Forlop.Domain.Codes;
using Forlop.Domain.Mdt;
using NodaTime;

namespace Forlop.Domain.Tests.Mdt;

public class MdtRulesTests
{
    private static readonly LocalDate Meeting = new(2026, 12, 3);
    private static readonly OrganisationCode Ous = OrganisationCode.Parse("OUS");

    [Theory]
    [InlineData(2026, 12, 9, true)]   // due the day before the next meeting: this meeting is the last chance
    [InlineData(2026, 12, 10, false)] // due on the day of the next meeting: it can wait
    [InlineData(2026, 12, 3, true)]   // due today
    public void DecisionDueBeforeNextMeeting_ComparesWithTheNextMeeting(int year, int month, int day, bool warned) =>
        Assert.Equal(warned, MdtRules.DecisionDueBeforeNextMeeting(new LocalDate(year, month, day), Meeting.PlusDays(7)));

    [Fact]
    public void DecisionDueBeforeNextMeeting_WithoutADeadline_DoesNotWarn() =>
        Assert.False(MdtRules.DecisionDueBeforeNextMeeting(null, Meeting.PlusDays(7)));

    [Fact]
    public void NextMeeting_IsTheEarliestConvenedAfterIt_ElseTheRecurrence()
    {
        // An extra meeting convened on Monday comes before the weekly one.
        Assert.Equal(Meeting.PlusDays(4), MdtRules.NextMeeting(Meeting, 7, [Meeting.PlusDays(-7), Meeting, Meeting.PlusDays(7), Meeting.PlusDays(4)]));
        Assert.Equal(Meeting.PlusDays(14), MdtRules.NextMeeting(Meeting, 14, [Meeting]));
    }

    [Fact]
    public void Series_IsWeeklyByDefault() =>
        Assert.Equal([Meeting, Meeting.PlusDays(7), Meeting.PlusDays(14)], MdtRules.Series(Meeting, MdtRules.DefaultEveryDays, 3));

    [Theory]
    [InlineData("", 7, true, "the team needs a name")]
    [InlineData("Bryst", 0, true, "meetings must recur every 1 to 28 days")]
    [InlineData("Bryst", 29, true, "meetings must recur every 1 to 28 days")]
    [InlineData("Bryst", 7, false, "the team needs a pathologist")] // treatment is decided with a pathologist present
    public void TeamRefusal_NamesWhatIsMissing(string name, int everyDays, bool withPathologist, string reason)
    {
        var members = new List<MdtMember> { new("Kari Kirurg", MdtRole.Surgeon, Ous) };
        if (withPathologist)
        {
            members.Add(new MdtMember("Per Patolog", MdtRole.Pathologist, Ous));
        }
        Assert.Equal(reason, MdtRules.TeamRefusal(name, [PathwayCode.Parse("A01")], everyDays, members)?.En);
    }

    [Fact]
    public void TeamRefusal_AcceptsATeamWithAPathologistFromAnotherHf_ByVideo()
    {
        var pathologist = new MdtMember("Per Patolog", MdtRole.Pathologist, OrganisationCode.Parse("HB"));
        Assert.Null(MdtRules.TeamRefusal("Bryst", [PathwayCode.Parse("A01")], 7, [pathologist]));
        Assert.True(pathologist.JoinsByVideo(Ous));
        Assert.False(pathologist.JoinsByVideo(OrganisationCode.Parse("HB")));
    }

    [Theory]
    [InlineData("", "Kirurgi", "Kari", 10, "say who decided")]
    [InlineData("MDT", " ", "Kari", 10, "say what was decided")]
    [InlineData("MDT", "Kirurgi", "", 10, "say who carries the decision out")]
    [InlineData("MDT", "Kirurgi", "Kari", -1, "give a date to carry it out by, not before the meeting")]
    [InlineData("MDT", "Kirurgi", "Kari", 0, null)] // due on the day of the meeting is allowed
    public void DecisionRefusal_NeedsWhoWhatWhoAndWhen(string decidedBy, string decision, string carriedOutBy, int dueInDays, string? reason) =>
        Assert.Equal(reason, MdtRules.DecisionRefusal(decidedBy, decision, carriedOutBy, Meeting.PlusDays(dueInDays), Meeting)?.En);
}
