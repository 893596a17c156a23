using System.ComponentModel;
using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Exports;
using Forlop.App.Features.Web;
using Forlop.App.Hosting;
using Forlop.Domain;
using NodaTime;

namespace Forlop.App.Features.Mdt;

/// <summary>MDT meetings over HTTP (<c>/api/v1/mdt-meetings</c>): the same <see cref="MdtMeetings"/> the pages call. Sample calls: mdt.http.</summary>
public static class MdtApi
{
    public static void AddMdtMeetings(this IServiceCollection services) => services.AddScoped<MdtMeetings>();

    public static void MapMdtApi(this RouteGroupBuilder api)
    {
        var mdt = api.MapGroup("/mdt-meetings").WithTags("MDT meetings");

        mdt.MapGet("/", async (HttpContext context, MdtMeetings meetings, CancellationToken ct,
                [Description("Only meetings on or after this day (YYYY-MM-DD); all when left out")] string? from) =>
                from is not null && IsoDate.Parse(from) is null
                    ? Results.ValidationProblem(new Dictionary<string, string[]> { ["from"] = [$"'{from}' is not a date (YYYY-MM-DD)"] })
                    : Results.Ok(await meetings.ListAsync(Caller.Of(context)!, IsoDate.Parse(from), ct)))
            .WithName("ListMdtMeetings")
            .WithSummary("The meetings of the caller's HF by date, with the team's next meeting and how many patients are listed and decided (no person data)")
            .Produces<IReadOnlyList<MdtMeetingSummary>>()
            .ProducesValidationProblem();

        mdt.MapPost("/", async (ConveneForm form, HttpContext context, MdtMeetings meetings, CancellationToken ct) =>
                await meetings.ConveneAsync(Caller.Of(context)!, form, ct) switch
                {
                    Outcome<IReadOnlyList<MdtMeetingSummary>>.Ready { Value: var convened } => Results.Created($"/api/v1/mdt-meetings/{convened[0].Id}", convened),
                    var refused => refused.Problem(),
                })
            .WithName("ConveneMdtMeetings")
            .WithSummary("Convenes a meeting of a team of the caller's HF, or with count a series at the team's recurrence (weekly by default)")
            .Produces<IReadOnlyList<MdtMeetingSummary>>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        mdt.MapGet("/teams", async (HttpContext context, MdtMeetings meetings, CancellationToken ct) => Results.Ok(await meetings.TeamsAsync(Caller.Of(context)!, ct)))
            .WithName("ListMdtTeams")
            .WithSummary("The MDT teams of the caller's HF: pathways, recurrence and members (another HF's members join by video)")
            .Produces<IReadOnlyList<MdtTeam>>();

        mdt.MapPost("/teams", async (MdtTeamForm form, HttpContext context, MdtMeetings meetings, CancellationToken ct) =>
                await meetings.AddTeamAsync(Caller.Of(context)!, form, ct) switch
                {
                    Outcome<MdtTeam>.Ready { Value: var team } => Results.Created($"/api/v1/mdt-meetings/teams#{team.Id}", team),
                    var refused => refused.Problem(),
                })
            .WithName("AddMdtTeam")
            .WithSummary("Forms a team of the caller's HF for one or more pathways; it needs a pathologist")
            .Produces<MdtTeam>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        mdt.MapGet("/{id:long}", async (long id, HttpContext context, MdtMeetings meetings, CancellationToken ct) =>
                await meetings.MeetingAsync(Caller.Of(context)!, id, MdtMeetings.ReadPurpose, ct) switch
                {
                    Outcome<MdtMeetingView>.Ready { Value: var view } => Results.Ok(view),
                    var refused => refused.Problem(),
                })
            .WithName("GetMdtMeeting")
            .WithSummary("One meeting with its list of patients (those in the caller's scope, each logged), warning where a decision is due before the next meeting")
            .Produces<MdtMeetingView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        mdt.MapGet("/{id:long}/list.pdf", async (long id, HttpContext context, MdtMeetings meetings, IClock clock, CancellationToken ct) =>
            {
                var outcome = await meetings.MeetingAsync(Caller.Of(context)!, id, MdtMeetings.PrintPurpose, ct);
                if (outcome is not Outcome<MdtMeetingView>.Ready { Value: var view })
                {
                    return (IResult)outcome.Problem();
                }
                // A file of patients: never kept by a browser's or a proxy's cache.
                context.Response.Headers.CacheControl = "private, no-store";
                var today = clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;
                return ExportsApi.FileOf(MdtMeetingList.Table(view), "pdf", MdtMeetingList.FileName(view), today);
            })
            .WithName("PrintMdtMeetingList")
            .WithSummary("The printable list of a meeting as PDF; each patient in it is logged")
            .Produces<Stream>(StatusCodes.Status200OK, MonthlyReportPdf.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        mdt.MapPost("/{id:long}/patients", async (long id, AddToListForm form, HttpContext context, MdtMeetings meetings, CancellationToken ct) =>
                await meetings.AddPatientAsync(Caller.Of(context)!, id, form, ct) switch
                {
                    Outcome<MdtListEntry>.Ready { Value: var entry } => Results.Created($"/api/v1/mdt-meetings/{id}", entry),
                    var refused => refused.Problem(),
                })
            .WithName("ListPatientForMdt")
            .WithSummary("Puts an episode on a meeting's list with the question the team is to answer; another scope's episode is 404, twice 409")
            .Produces<MdtListEntry>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        mdt.MapPost("/{id:long}/patients/{episodeId:long}/decision", async (long id, long episodeId, DecisionForm form, HttpContext context, MdtMeetings meetings, CancellationToken ct) =>
                await meetings.DecideAsync(Caller.Of(context)!, id, episodeId, form, ct) switch
                {
                    Outcome<MdtListEntry>.Ready { Value: var entry } => Results.Created($"/api/v1/episodes/{episodeId}", entry),
                    var refused => refused.Problem(),
                })
            .WithName("RecordMdtDecision")
            .WithSummary("Records the team's decision for a listed patient and registers it as the clinical-decision point dated the meeting's day (the registration's rules; one access-log entry)")
            .Produces<MdtListEntry>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

/// <summary>The printable list of a meeting: one row per patient, the question, the deadline and its warning, the decision.</summary>
public static class MdtMeetingList
{
    public static string FileName(MdtMeetingView view) => string.Create(CultureInfo.InvariantCulture, $"mdt_{view.Meeting.Date:yyyy-MM-dd}_{view.Meeting.Id}");

    private static string Day(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    public static ExportTable Table(MdtMeetingView view)
    {
        var columns = new[]
        {
            new ExportColumn("national_id", "Fødselsnummer", ColumnKind.Text),
            new ExportColumn("name", "Navn", ColumnKind.Text),
            new ExportColumn("pathway", "Forløp", ColumnKind.Text),
            new ExportColumn("question", "Problemstilling", ColumnKind.Text),
            new ExportColumn("decision_deadline", "Frist klinisk beslutning", ColumnKind.Date),
            new ExportColumn("warning", "Varsel", ColumnKind.Text),
            new ExportColumn("decision", "Beslutning", ColumnKind.Text),
        };
        var rows = view.Patients.Select(p => new ExportRow(
        [
            new ExportCell.Text(p.NationalId),
            p.Name is null ? ExportCell.Empty.Instance : new ExportCell.Text(p.Name),
            new ExportCell.Text(p.Pathway),
            new ExportCell.Text(p.Question),
            p.DecisionDeadline is { } d ? new ExportCell.Date(LocalDate.FromDateOnly(d)) : ExportCell.Empty.Instance,
            p.DueBeforeNextMeeting ? new ExportCell.Text("Frist før neste møte") : ExportCell.Empty.Instance,
            p.Decision is { } decision
                ? new ExportCell.Text($"{decision.Code}: {decision.Decision} (besluttet av {decision.DecidedBy}; følges opp av {decision.CarriedOutBy} innen {Day(decision.DueBy)})")
                : ExportCell.Empty.Instance,
        ])).ToList();
        var members = string.Join(", ", view.Team.Members.Select(m => $"{m.Name} ({WebTexts.Bokmal("Mdt.Role." + m.Role)}{(m.ByVideo ? ", video fra " + m.Hf : "")})"));
        return new ExportTable($"Tverrfaglig møte: {view.Team.Name}",
            $"{Day(view.Meeting.Date)} kl. {view.Meeting.Time.ToString("HH:mm", CultureInfo.InvariantCulture)}, {view.Meeting.Hf}; neste møte {Day(view.Meeting.NextMeeting)}",
            columns, rows, note: "Deltakere: " + members);
    }
}
