using Forlop.App.Features.Accounts;
using Forlop.App.Features.ImportFeedback;

namespace Forlop.App.Features.Registration;

public static class RegistrationApi
{
    public static void MapRegistrationApi(this RouteGroupBuilder api)
    {
        api.MapPost("/events", async (RegistrationForm form, HttpContext context, RegisterEvent register, DeliveryFeedbackRecorder feedback, CancellationToken ct) =>
                Answer(context, await DeliveredAsync(feedback, Caller.Of(context)!, form,
                    await register.RegisterAsync(Caller.Of(context)!, form, Concurrency.IfMatch(context), ct), ct), created: true))
            .WithName("RegisterEvent")
            .WithMetadata(new Serve.IfMatchHeader(false, "Optional: the patient's version (the ETag of GET /api/v1/patients/{nin}/episodes); a stale one gets 409"))
            .WithSummary("Registers a measurement point. If-Match (the patient's version) is optional: a new point overwrites nothing")
            .Produces<RegistrationResult.Registered>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/events/{id:long}/corrections", async (long id, CorrectionForm form, HttpContext context, RegisterEvent register, DeliveryFeedbackRecorder feedback, CancellationToken ct) =>
                Concurrency.IfMatch(context) is { } version
                    ? Answer(context, await DeliveredAsync(feedback, Caller.Of(context)!, null, await register.CorrectAsync(Caller.Of(context)!, id, form, version, ct), ct), created: true)
                    : PreconditionRequired())
            .WithName("CorrectEvent")
            .WithMetadata(new Serve.IfMatchHeader(true, "Required: the version read (ETag); without it 428, a stale one 409"))
            .WithSummary("Corrects a stored point with new content. If-Match with the version read is required; a stale one gets 409")
            .Produces<RegistrationResult.Registered>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        api.MapPost("/events/{id:long}/withdrawal", async (long id, HttpContext context, RegisterEvent register, DeliveryFeedbackRecorder feedback, CancellationToken ct) =>
                Concurrency.IfMatch(context) is { } version
                    ? Answer(context, await DeliveredAsync(feedback, Caller.Of(context)!, null, await register.WithdrawAsync(Caller.Of(context)!, id, version, ct), ct), created: true)
                    : PreconditionRequired())
            .WithName("WithdrawEvent")
            .WithMetadata(new Serve.IfMatchHeader(true, "Required: the version read (ETag); without it 428, a stale one 409"))
            .WithSummary("Withdraws a stored point. If-Match with the version read is required; a stale one gets 409")
            .Produces<RegistrationResult.Registered>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    /// <summary>The registration noted in the client's feedback of the day (decision 0031), then answered as it was.</summary>
    private static async Task<RegistrationResult> DeliveredAsync(DeliveryFeedbackRecorder recorder, Caller caller, RegistrationForm? form, RegistrationResult result, CancellationToken ct)
    {
        var feedback = recorder.BeginApi(caller);
        recorder.Note(feedback, caller, form, result, null);
        await recorder.SaveAsync(feedback, ct);
        return result;
    }

    private static IResult PreconditionRequired() => Results.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required",
        detail: "send the patient's version you read (the episode's ETag) in If-Match, so a change made meanwhile is not overwritten");

    private static IResult Answer(HttpContext context, RegistrationResult result, bool created)
    {
        switch (result)
        {
            case RegistrationResult.Registered r:
                context.Response.Headers.ETag = Concurrency.ETag(r.Version);
                return created ? Results.Created(r.EpisodeId is { } e ? $"/api/v1/episodes/{e}" : null as string, r) : Results.Ok(r);
            case RegistrationResult.Refused r:
                return Results.ValidationProblem(new Dictionary<string, string[]> { [r.Column] = [r.Message] }, title: "The point was not registered");
            case RegistrationResult.Conflict c:
                context.Response.Headers.ETag = Concurrency.ETag(c.CurrentVersion);
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile", detail: c.Message);
            case RegistrationResult.NotFound n:
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: n.Message);
            case RegistrationResult.NotAllowed n:
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "No access", detail: n.Message);
            default:
                throw new InvalidOperationException(result.GetType().Name);
        }
    }
}
