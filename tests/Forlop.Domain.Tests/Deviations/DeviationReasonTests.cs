using Forlop.Domain.Deviations;
using Forlop.Domain.PathwayTimes;

namespace Forlop.Domain.Tests.Deviations;

public class DeviationReasonTests
{
    [Theory]
    [InlineData("capacity", "ct", null)]                                // capacity with the resource waited for
    [InlineData("capacity", "other", "Ultralyd")]                       // another resource, named in the text
    [InlineData("waiting-for-pathology", null, null)]                   // a cause without a resource needs no text
    [InlineData("patients-wish", null, "Ønsket time etter ferien")]     // a text is allowed with any cause
    [InlineData("other", null, "Ventet på tolk")]                       // "other" with its text
    public void TryCreate_AReasonThatKeepsTheRules_IsBuilt(string cause, string? resource, string? text)
    {
        var reason = DeviationReason.TryCreate(cause, resource, text, out var refusal);

        Assert.NotNull(reason);
        Assert.Null(refusal);
        Assert.Equal(cause, EnumNames.Of(reason.Cause));
        Assert.Equal(resource, reason.Resource is { } r ? EnumNames.Of(r) : null);
        Assert.Equal(text, reason.Text);
    }

    [Theory]
    [InlineData("capacity", null, null, "resource")]            // capacity must name what it waited for
    [InlineData("capacity", "x-ray", null, "resource")]         // a resource that is not on the list
    [InlineData("capacity", "other", " ", "text")]              // another resource without saying which
    [InlineData("transfer", "ct", null, "only capacity")]       // a resource with another cause
    [InlineData("other", null, null, "text")]                   // "other" without a text
    [InlineData("Capacity", "ct", null, "not a deviation")]     // only the kebab-case spelling
    [InlineData("late", null, null, "not a deviation")]         // not a cause at all
    public void TryCreate_AReasonThatBreaksARule_IsRefusedWithTheReason(string cause, string? resource, string? text, string because)
    {
        var reason = DeviationReason.TryCreate(cause, resource, text, out var refusal);

        Assert.Null(reason);
        Assert.Contains(because, refusal!.En, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(refusal.Nb));
    }

    [Fact]
    public void TryCreate_ATextLongerThanTheLimit_IsRefused() =>
        Assert.Null(DeviationReason.TryCreate("other", null, new string('x', DeviationReason.MaxTextLength + 1), out _));

    [Fact]
    public void IsPatientInitiated_OnlyForThePatientsWish() =>
        Assert.Equal([DeviationCause.PatientsWish],
            Enum.GetValues<DeviationCause>().Where(c => DeviationReason.TryCreate(EnumNames.Of(c), c == DeviationCause.Capacity ? "ct" : null, "tekst", out _)!.IsPatientInitiated));

    [Theory]
    [InlineData(IntervalStatus.Over, true)]        // reached, over the standard
    [InlineData(IntervalStatus.Overdue, true)]     // still running, past its deadline
    [InlineData(IntervalStatus.Within, false)]
    [InlineData(IntervalStatus.Running, false)]
    [InlineData(IntervalStatus.NoStandard, false)]
    public void MayExplain_OnlyIntervalsOverTheirStandard(IntervalStatus status, bool explained) =>
        Assert.Equal(explained, DeviationReason.MayExplain(status));
}
