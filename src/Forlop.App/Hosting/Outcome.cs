using Microsoft.AspNetCore.Http.HttpResults;

namespace Forlop.App.Hosting;

/// <summary>
/// What a request came to: the thing asked for, or a named refusal that the caller must handle. The one way Forløp
/// refuses an expected request (decision 0023): a value, never an exception. HTTP answers it with
/// <see cref="OutcomeAnswers.Problem"/>, the command line with <see cref="OutcomeAnswers.ExitCode"/> and the reason on
/// standard error, a page with <see cref="Reason"/> beside the control that asked.
/// </summary>
public abstract record Outcome<T>
{
    private Outcome(string reason)
    {
        Reason = reason;
    }

    /// <summary>The reason a refusal gives; empty for <see cref="Ready"/>.</summary>
    public string Reason { get; }

    public sealed record Ready(T Value) : Outcome<T>("");

    /// <summary>The caller may not see or change this (HTTP 403).</summary>
    public sealed record NotAllowed(string Reason) : Outcome<T>(Reason);

    /// <summary>The request itself is wrong: an unknown organisation, a level that does not fit it (HTTP 400).</summary>
    public sealed record Invalid(string Reason) : Outcome<T>(Reason);

    /// <summary>The request clashes with what is stored: a slot booked already, a patient on the list already (HTTP 409).</summary>
    public sealed record Conflict(string Reason) : Outcome<T>(Reason);

    /// <summary>There is no such thing, or it is outside the caller's scope: the two answer alike (HTTP 404, issue 16).</summary>
    public sealed record NotFound(string Reason) : Outcome<T>(Reason);

    public static implicit operator Outcome<T>(T value) => new Ready(value);
}

/// <summary>How each kind of caller answers a refusal, so no caller invents its own status code or exit code.</summary>
public static class OutcomeAnswers
{
    /// <summary>Problem details for a refusal: 403 for <c>NotAllowed</c>, 400 for <c>Invalid</c>, 409 for <c>Conflict</c>, 404 for <c>NotFound</c>.</summary>
    public static ProblemHttpResult Problem<T>(this Outcome<T> refused) => refused switch
    {
        Outcome<T>.NotAllowed n => TypedResults.Problem(n.Reason, statusCode: StatusCodes.Status403Forbidden, title: "No access"),
        Outcome<T>.Invalid i => TypedResults.Problem(i.Reason, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request"),
        Outcome<T>.Conflict c => TypedResults.Problem(c.Reason, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
        Outcome<T>.NotFound f => TypedResults.Problem(f.Reason, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        _ => throw new InvalidOperationException("a ready outcome is not a problem"),
    };

    /// <summary>The command line's exit code: 0 when ready, 1 for any refusal (interchange.md: 1 means nothing was done).</summary>
    public static int ExitCode<T>(this Outcome<T> outcome) => outcome is Outcome<T>.Ready ? 0 : 1;
}
