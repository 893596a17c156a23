using Forlop.Domain.Catalogue;

namespace Forlop.App.Features.Episodes;

/// <summary>
/// How a change to one episode's record went — a deviation reason, a recommended action ticked: recorded, or one of
/// the refusals every such change has (decision 0023). One closed hierarchy for them all, so the API answers them
/// with one <see cref="Answer"/>, the command line and the pages read one <see cref="Refusal"/>, and no change
/// invents its own status code.
/// </summary>
public abstract record EpisodeChange<T>
{
    private EpisodeChange()
    {
    }

    public sealed record Recorded(T Value) : EpisodeChange<T>;

    /// <summary>No such episode, or one outside the caller's scope: the two answer alike (issue 16), HTTP 404.</summary>
    public sealed record NotFound(long EpisodeId) : EpisodeChange<T>;

    /// <summary>The caller sees the episode but may not change it (a clinical lead reads, she does not code): HTTP 403.</summary>
    public sealed record NotAllowed(LocalizedText Reason) : EpisodeChange<T>;

    /// <summary>The change breaks a rule; <see cref="Field"/> names the part at fault. HTTP 400, nothing stored.</summary>
    public sealed record Invalid(string Field, LocalizedText Reason) : EpisodeChange<T>;

    /// <summary>The reason to show beside the control that asked; null when recorded or when the episode is gone (reload).</summary>
    public LocalizedText? Refusal => this switch
    {
        NotAllowed n => n.Reason,
        Invalid i => i.Reason,
        _ => null,
    };

    /// <summary>The HTTP answer: 200 with the recorded value, else problem details (404, 403, 400 with the field).</summary>
    public IResult Answer() => this switch
    {
        Recorded r => TypedResults.Ok(r.Value),
        NotFound => TypedResults.Problem(EpisodeApi.NoSuchEpisode, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        NotAllowed n => TypedResults.Problem(n.Reason.En, statusCode: StatusCodes.Status403Forbidden, title: "No access"),
        Invalid i => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [i.Field] = [i.Reason.En] }),
        _ => throw new InvalidOperationException("an episode change of an unknown kind"),
    };
}
