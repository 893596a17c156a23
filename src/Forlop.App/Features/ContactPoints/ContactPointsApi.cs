using System.ComponentModel;
using Forlop.App.Features.Accounts;
using Forlop.App.Hosting;
using Forlop.Domain;

namespace Forlop.App.Features.ContactPoints;

/// <summary>The contact-point directory over HTTP (<c>/api/v1/contact-points</c>): public to read, JSON or CSV. Sample calls: contact-points.http.</summary>
public static class ContactPointsApi
{
    public const string CsvType = "text/csv";

    public static void AddContactPoints(this IServiceCollection services) => services.AddScoped<ContactPointDirectory>();

    public static void MapContactPointsApi(this WebApplication app)
    {
        var points = app.MapGroup("/api/v1/contact-points").WithTags("Contact points");

        points.MapGet("/", async (HttpContext context, ContactPointDirectory directory, CancellationToken ct,
                [Description("Free text: an HF's code or name, a municipality's number or name, a county's name")] string? q,
                [Description("One HF (code): its offices and the municipalities of its catchment area")] string? hf,
                [Description("One municipality (number or name): its contact point and the offices of the HFs that serve it")] string? municipality,
                [Description("The municipalities in force on this day (YYYY-MM-DD); today when left out")] string? on,
                [Description("Page number from 1; the whole directory when page and pageSize are left out")] int? page,
                [Description("Entries per page (1 to 1000; 100 when only page is given)")] int? pageSize,
                [Description("csv for CSV (or send Accept: text/csv); JSON otherwise")] string? format) =>
            {
                if (on is not null && IsoDate.Parse(on) is null)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["on"] = [$"'{on}' is not a date (YYYY-MM-DD)"] });
                }
                var outcome = await directory.ListAsync(new DirectoryQuery(q, hf, municipality, IsoDate.Parse(on), page, pageSize), ct);
                if (outcome is not Outcome<ContactPointList>.Ready { Value: var list })
                {
                    return outcome.Problem();
                }
                var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
                          || context.Request.Headers.Accept.Any(a => a is not null && a.Contains(CsvType, StringComparison.OrdinalIgnoreCase));
                return csv ? Results.Text(ContactPointDirectory.ToCsv(list), CsvType + "; charset=utf-8") : Results.Ok(list);
            })
            .AllowAnonymous()
            .WithName("ListContactPoints")
            .WithSummary("The public directory without login: every HF's pathway coordinators' office per pathway family and every municipality's Pakkeforløp hjem contact point (all in force on the day), searchable; paged only when asked; JSON or CSV")
            .Produces<ContactPointList>()
            .Produces<string>(StatusCodes.Status200OK, CsvType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        var maintain = points.MapGroup("").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        maintain.MapPut("/hfs/{hf}/offices/{family}", async (string hf, string family, ContactDetails details, HttpContext context, ContactPointDirectory directory, CancellationToken ct) =>
                await directory.SetOfficeAsync(Caller.Of(context)!, hf, family, details, ct) switch
                {
                    Outcome<ContactPointEntry>.Ready { Value: var entry } => Results.Ok(entry),
                    var refused => refused.Problem(),
                })
            .WithName("SetHfContactPoint")
            .WithSummary("Sets an HF's pathway coordinators' office for a pathway family (cancer, mental-health, stroke): the HF's own administrator only")
            .Produces<ContactPointEntry>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        maintain.MapPut("/hfs/{hf}/catchment", async (string hf, CatchmentForm form, HttpContext context, ContactPointDirectory directory, CancellationToken ct) =>
                await directory.SetCatchmentAsync(Caller.Of(context)!, hf, form, ct) switch
                {
                    Outcome<IReadOnlyList<string>>.Ready { Value: var numbers } => Results.Ok(numbers),
                    var refused => refused.Problem(),
                })
            .WithName("SetHfCatchment")
            .WithSummary("Replaces the municipalities (numbers in force today) that form an HF's catchment area: the HF's own administrator only")
            .Produces<IReadOnlyList<string>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        maintain.MapPut("/municipalities/{number}", async (string number, ContactDetails details, HttpContext context, ContactPointDirectory directory, CancellationToken ct) =>
                await directory.SetMunicipalityAsync(Caller.Of(context)!, number, details, ct) switch
                {
                    Outcome<ContactPointEntry>.Ready { Value: var entry } => Results.Ok(entry),
                    var refused => refused.Problem(),
                })
            .WithName("SetMunicipalityContactPoint")
            .WithSummary("Sets a municipality's Pakkeforløp hjem contact point: the municipality's own coordinator (or the installation's administrator)")
            .Produces<ContactPointEntry>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
