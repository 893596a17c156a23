using System.ComponentModel;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Hosting;
using NodaTime;

namespace Forlop.App.Features.Slots;

/// <summary>Reserved slots over HTTP (<c>/api/v1/slots</c>): the same <see cref="ReservedSlots"/> the page calls. Sample calls: slots.http.</summary>
public static class SlotApi
{
    public static IServiceCollection AddReservedSlots(this IServiceCollection services) =>
        services.AddScoped<ReservedSlots>().AddHostedService<SlotReleaser>();

    public static void MapSlotApi(this RouteGroupBuilder api)
    {
        var slots = api.MapGroup("/slots").WithTags("Reserved slots");

        slots.MapGet("/", async (HttpContext context, ReservedSlots reserved, IClock clock, CancellationToken ct,
                [Description("The first day (YYYY-MM-DD); a week ago when left out")] string? from,
                [Description("The last day (YYYY-MM-DD); four weeks after the first when left out")] string? to) =>
            {
                var today = clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;
                if (!ReservedSlots.TryDay(from, today.PlusDays(-7), out var first) || !ReservedSlots.TryDay(to, first.PlusDays(28), out var last) || !ReservedSlots.IsPeriod(first, last))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["from and to are days (YYYY-MM-DD, 1900–2199), from not after to, at most 400 days apart"] });
                }
                return Results.Ok(await reserved.ListAsync(Caller.Of(context)!, first, last, ct));
            })
            .WithName("ListSlots")
            .WithSummary("The reserved slots of the caller's HF by time, with their status (open, booked, released); a booked slot names its patient when the episode is in the caller's scope (logged)")
            .Produces<IReadOnlyList<SlotView>>()
            .ProducesValidationProblem();

        slots.MapPost("/", async (SlotForm form, HttpContext context, ReservedSlots reserved, CancellationToken ct) =>
                await reserved.PublishAsync(Caller.Of(context)!, form, ct) switch
                {
                    Outcome<SlotView>.Ready { Value: var slot } => Results.Created($"/api/v1/slots/{slot.Id}", slot),
                    var refused => refused.Problem(),
                })
            .WithName("PublishSlot")
            .WithSummary("Publishes a slot of a unit of the caller's HF reserved for pathway patients, released to others the given hours before it starts (48 by default)")
            .Produces<SlotView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        slots.MapPut("/{id:long}/booking", async (long id, BookingForm form, HttpContext context, ReservedSlots reserved, CancellationToken ct) =>
                await reserved.BookAsync(Caller.Of(context)!, id, form, ct) switch
                {
                    Outcome<SlotView>.Ready { Value: var slot } => Results.Ok(slot),
                    var refused => refused.Problem(),
                })
            .WithName("BookSlot")
            .WithSummary("Books an open slot for an episode of the caller's scope; booked already or released: 409; another scope's slot or episode: 404")
            .Produces<SlotView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        slots.MapGet("/figures", async (HttpContext context, ReservedSlots reserved, IClock clock, CancellationToken ct,
                [Description("A day of the first week (YYYY-MM-DD); four weeks ago when left out")] string? from,
                [Description("A day of the last week (YYYY-MM-DD); this week when left out")] string? to) =>
            {
                var today = clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;
                if (!ReservedSlots.TryDay(from, today.PlusDays(-28), out var first) || !ReservedSlots.TryDay(to, today, out var last) || !ReservedSlots.IsPeriod(first, last))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["from and to are days (YYYY-MM-DD, 1900–2199), from not after to, at most 400 days apart"] });
                }
                return Results.Ok(await reserved.FiguresAsync(Caller.Of(context)!, first, last, ct));
            })
            .WithName("GetSlotFigures")
            .WithSummary("The caller's HF's reserved slots per resource and ISO week: reserved, booked for pathway patients, released, used in time (no person data)")
            .Produces<SlotFigures>()
            .ProducesValidationProblem();
    }
}
