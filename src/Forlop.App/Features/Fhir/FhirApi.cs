using System.Globalization;
using System.Text.Json;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Registration;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.Registry;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.Primitives;
using NodaTime;

namespace Forlop.App.Features.Fhir;

/// <summary>
/// FHIR R4 at /fhir (decision 0027): the capability statement and the catalogue are public; episodes, their points
/// and transactions need the REST API's sign-in or token and keep to the caller's scope. Every answer is a FHIR
/// resource written by Firely's serialiser; every refusal an OperationOutcome in English and bokmål.
/// </summary>
public static class FhirApi
{
    public const int MaxEntries = 1000;
    private const int DefaultCount = 50;
    private const int MaxCount = 500;

    public static void MapFhir(this WebApplication app)
    {
        var fhir = app.MapGroup("/fhir").ExcludeFromDescription();

        fhir.MapGet("/metadata", (IClock clock) => FhirJson.Answer(FhirCapabilities.Statement(clock.GetCurrentInstant().ToDateTimeOffset())));

        fhir.MapGet("/PlanDefinition", (HttpContext context, PathwayCatalogue catalogue, IClock clock) =>
            Unsupported(context.Request.Query, "PlanDefinition") ?? FhirJson.Answer(Searchset(context, FhirCatalogue.PlanDefinitions(catalogue, Today(clock)), null)));
        fhir.MapGet("/PlanDefinition/{id}", (string id, PathwayCatalogue catalogue, IClock clock) =>
            FhirCatalogue.PlanDefinition(catalogue, id, Today(clock)) is { } plan ? FhirJson.Answer(plan) : FhirOutcomes.NotFound("PlanDefinition", id));

        fhir.MapGet("/CodeSystem", (HttpContext context, PathwayCatalogue catalogue) =>
            Unsupported(context.Request.Query, "CodeSystem") ?? FhirJson.Answer(Searchset(context, FhirCatalogue.CodeSystems(catalogue), null)));
        fhir.MapGet("/CodeSystem/{id}", (string id, PathwayCatalogue catalogue) =>
            FhirCatalogue.CodeSystem(catalogue, id) is { } codes ? FhirJson.Answer(codes) : FhirOutcomes.NotFound("CodeSystem", id));

        fhir.MapGet("/EpisodeOfCare", (HttpContext context, RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations, AccessLogWriter log, IClock clock, CancellationToken ct) =>
            SearchEpisodesAsync(context, context.Request.Query.ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal), db, catalogue, organisations, log, clock, ct));
        fhir.MapPost("/EpisodeOfCare/_search", async (HttpContext context, RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations, AccessLogWriter log, IClock clock, CancellationToken ct) =>
        {
            // Parameters in the body keep the identity number out of addresses and server logs.
            var parameters = context.Request.Query.ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal);
            if (context.Request.HasFormContentType)
            {
                foreach (var (key, value) in await context.Request.ReadFormAsync(ct))
                {
                    parameters[key] = parameters.TryGetValue(key, out var known) ? StringValues.Concat(known, value) : value;
                }
            }
            return await SearchEpisodesAsync(context, parameters, db, catalogue, organisations, log, clock, ct);
        });
        fhir.MapGet("/EpisodeOfCare/{id}", async (string id, HttpContext context, RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations, AccessLogWriter log, IClock clock, CancellationToken ct) =>
        {
            if (Refusal(context) is { } refused)
            {
                return refused;
            }
            return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var episodeId)
                   && await FhirEpisodes.ReadAsync(db, catalogue, organisations, log, Caller.Of(context)!, episodeId, clock, ct) is { } episode
                ? FhirJson.Answer(episode)
                : FhirOutcomes.NotFound("EpisodeOfCare", id);
        });

        fhir.MapGet("/Encounter", async (HttpContext context, RegistryDb db, EpisodeLinker linker, OrganisationDirectory organisations, AccessLogWriter log, IClock clock, CancellationToken ct) =>
        {
            if (Refusal(context) is { } refused)
            {
                return refused;
            }
            if (Unsupported(context.Request.Query, "Encounter") is { } unsupported)
            {
                return unsupported;
            }
            var episode = context.Request.Query["episode-of-care"].ToString();
            episode = episode.StartsWith("EpisodeOfCare/", StringComparison.Ordinal) ? episode["EpisodeOfCare/".Length..] : episode;
            if (!long.TryParse(episode, NumberStyles.None, CultureInfo.InvariantCulture, out var episodeId))
            {
                return FhirOutcomes.BadRequest("give the episode: Encounter?episode-of-care=EpisodeOfCare/ID", "Oppgi forløpet: Encounter?episode-of-care=EpisodeOfCare/ID.");
            }
            var points = await FhirEpisodes.PointsAsync(db, linker, organisations, log, Caller.Of(context)!, episodeId, clock, ct) ?? [];
            return FhirJson.Answer(Searchset(context, points, null));
        });
        fhir.MapGet("/Encounter/{id}", async (string id, HttpContext context, RegistryDb db, EpisodeLinker linker, OrganisationDirectory organisations, AccessLogWriter log, IClock clock, CancellationToken ct) =>
        {
            if (Refusal(context) is { } refused)
            {
                return refused;
            }
            return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var rootId)
                   && await FhirEpisodes.PointAsync(db, linker, organisations, log, Caller.Of(context)!, rootId, clock, ct) is { } point
                ? FhirJson.Answer(point)
                : FhirOutcomes.NotFound("Encounter", id);
        });

        fhir.MapPost("/", async (HttpContext context, RegisterEvent register, Forlop.App.Features.ImportFeedback.DeliveryFeedbackRecorder feedback, CancellationToken ct) =>
        {
            if (Refusal(context) is { } refused)
            {
                return refused;
            }
            // A FHIR media type only: a cross-site form cannot send one without the browser asking first.
            var type = context.Request.ContentType ?? "";
            if (!type.StartsWith(FhirJson.MediaType, StringComparison.OrdinalIgnoreCase) && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return FhirOutcomes.Answer(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported,
                    "send the Bundle as application/fhir+json", "Send Bundle som application/fhir+json.");
            }
            Resource? resource;
            try
            {
                resource = await JsonSerializer.DeserializeAsync<Resource>(context.Request.Body, FhirJson.Options, ct);
            }
            catch (Exception e) when (e is DeserializationFailedException or JsonException)
            {
                return FhirOutcomes.BadRequest("the body is not a valid FHIR R4 resource in JSON: " + e.Message,
                    "Innholdet er ikke en gyldig FHIR R4-ressurs i JSON: " + e.Message);
            }
            if (resource is not Bundle { Type: Bundle.BundleType.Transaction or Bundle.BundleType.Batch } bundle)
            {
                return FhirOutcomes.BadRequest("send a Bundle of type transaction or batch", "Send en Bundle av typen transaction eller batch.");
            }
            if (bundle.Entry.Count > MaxEntries)
            {
                return FhirOutcomes.BadRequest($"a Bundle may hold at most {MaxEntries} entries; send the rest in another", $"En Bundle kan ha høyst {MaxEntries} oppføringer; send resten i en ny.");
            }
            return FhirJson.Answer(await FhirTransaction.RunAsync(bundle, register, Caller.Of(context)!, ct, feedback));
        });
    }

    private static LocalDate Today(IClock clock) => clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;

    /// <summary>401 without sign-in or a valid token, 403 for a role without person data; null when the caller may go on.</summary>
    private static IResult? Refusal(HttpContext context) => Caller.Of(context) switch
    {
        null => FhirOutcomes.NotSignedIn(context),
        { Actor.SeesPersonData: false } => FhirOutcomes.NoPersonData(),
        _ => null,
    };

    /// <summary>A 400 naming the parameters this type does not take (CapabilityStatement), or null.</summary>
    private static IResult? Unsupported(IEnumerable<KeyValuePair<string, StringValues>> query, string type)
    {
        var known = FhirCapabilities.SearchParameters[type].Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = query.Select(q => q.Key).Where(k => !known.Contains(k) && !known.Contains(k.Split(':')[0]) && k != "_format" && k != "ct").ToList();
        return unknown.Count == 0 ? null
            : FhirOutcomes.BadRequest($"{type} takes no search parameter {string.Join(", ", unknown)} (see /fhir/metadata)",
                $"{type} har ikke søkeparameteren {string.Join(", ", unknown)} (se /fhir/metadata).");
    }

    private static async Task<IResult> SearchEpisodesAsync(HttpContext context, Dictionary<string, StringValues> parameters, RegistryDb db, PathwayCatalogue catalogue,
        OrganisationDirectory organisations, AccessLogWriter log, IClock clock, CancellationToken ct)
    {
        if (Refusal(context) is { } refused)
        {
            return refused;
        }
        if (Unsupported(parameters, "EpisodeOfCare") is { } unsupported)
        {
            return unsupported;
        }
        var (search, problem) = ParseSearch(parameters);
        if (search is null)
        {
            return FhirOutcomes.BadRequest(problem!.Value.En, problem.Value.Nb);
        }
        var page = await FhirEpisodes.SearchAsync(db, catalogue, organisations, log, Caller.Of(context)!, search, clock, ct);
        return FhirJson.Answer(Searchset(context, page.Episodes, page.Next is { } next ? Link(context, "EpisodeOfCare", parameters, next) : null, parameters));
    }

    /// <summary>The search as typed values; or what is wrong, in both languages.</summary>
    public static (EpisodeSearch? Search, (string En, string Nb)? Problem) ParseSearch(IReadOnlyDictionary<string, StringValues> parameters)
    {
        string? One(string name) => parameters.TryGetValue(name, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString() : null;
        if (parameters.ContainsKey("patient"))
        {
            return (null, ("search by patient with patient:identifier=system|number", "Søk på pasient med patient:identifier=system|nummer."));
        }
        string? nin = null;
        if (One("patient:identifier") is { } patient)
        {
            var (system, value) = Token(patient);
            if (system is not null && !FhirSystems.IsIdentitySystem(system))
            {
                return (null, ($"{system} is not the fødselsnummer, D-number or H-number system", $"{system} er ikke systemet for fødselsnummer, D-nummer eller H-nummer."));
            }
            nin = value;
        }
        List<string>? states = null;
        if (One("status") is { } statuses)
        {
            states = [];
            foreach (var status in statuses.Split(','))
            {
                if (FhirEpisodes.StatesOf(status.Trim()) is not { } these)
                {
                    return (null, ($"{status} is not an EpisodeOfCare status", $"{status} er ikke en status for EpisodeOfCare."));
                }
                states.AddRange(these);
            }
        }
        string? pathway = null;
        if (One("type") is { } type)
        {
            var (system, value) = Token(type);
            if (system is not null && system != FhirSystems.PathwayCodes)
            {
                return (null, ($"type takes a pathway code of {FhirSystems.PathwayCodes}", $"type tar en forløpskode fra {FhirSystems.PathwayCodes}."));
            }
            pathway = value;
        }
        var organisation = One("organization") is { } reference
            ? reference.StartsWith("Organization/", StringComparison.Ordinal) ? reference["Organization/".Length..] : reference
            : One("organization:identifier") is { } identifier ? Token(identifier).Value : null;
        DateTime? after = null;
        DateTime? until = null;
        if (parameters.TryGetValue("_lastUpdated", out var updated))
        {
            foreach (var text in updated.OfType<string>())
            {
                if (!TryLastUpdated(text, ref after, ref until))
                {
                    return (null, ($"_lastUpdated={text}: give gt, ge, lt, le or eq and a date or an instant (2026-12-01T08:00:00Z)",
                        $"_lastUpdated={text}: oppgi gt, ge, lt, le eller eq og en dato eller et tidspunkt (2026-12-01T08:00:00Z)."));
                }
            }
        }
        var count = DefaultCount;
        if (One("_count") is { } countText && (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > MaxCount))
        {
            return (null, ($"_count must be 1–{MaxCount}", $"_count må være 1–{MaxCount}."));
        }
        long? cursor = null;
        if (One("ct") is { } ctText)
        {
            if (!long.TryParse(ctText, NumberStyles.None, CultureInfo.InvariantCulture, out var c))
            {
                return (null, ("ct is the next link's continuation; follow the link as given", "ct er fortsettelsen fra lenken next; bruk lenken slik den er."));
            }
            cursor = c;
        }
        return (new EpisodeSearch(nin, states, pathway, organisation, after, until, cursor, count), null);
    }

    private static (string? System, string Value) Token(string text) =>
        text.IndexOf('|', StringComparison.Ordinal) is var bar and >= 0 ? (bar == 0 ? null : text[..bar], text[(bar + 1)..]) : (null, text);

    /// <summary>
    /// One _lastUpdated value narrows the window (after, until]: a date means its whole day in Europe/Oslo, an instant
    /// its second. Stored times have microseconds at most, so "before t" is "at most t − 1 µs".
    /// </summary>
    private static bool TryLastUpdated(string text, ref DateTime? after, ref DateTime? until)
    {
        var prefix = text.Length > 2 && char.IsLetter(text[0]) ? text[..2] : "eq";
        var value = prefix == "eq" && !text.StartsWith("eq", StringComparison.Ordinal) ? text : text[2..];
        DateTime from;
        DateTime to;
        if (value.Length == 10 && NodaTime.Text.LocalDatePattern.Iso.Parse(value) is { Success: true } day)
        {
            from = day.Value.AtStartOfDayInZone(RegistryStore.Oslo).ToDateTimeUtc();
            to = day.Value.PlusDays(1).AtStartOfDayInZone(RegistryStore.Oslo).ToDateTimeUtc();
        }
        else if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) && value.Contains('T', StringComparison.Ordinal))
        {
            from = instant.UtcDateTime;
            to = from.AddSeconds(1);
        }
        else
        {
            return false;
        }
        var micro = TimeSpan.FromMicroseconds(1);
        switch (prefix)
        {
            case "gt": after = Later(after, to - micro); break;
            case "ge": after = Later(after, from - micro); break;
            case "lt": until = Earlier(until, from - micro); break;
            case "le": until = Earlier(until, to - micro); break;
            case "eq":
                after = Later(after, from - micro);
                until = Earlier(until, to - micro);
                break;
            default: return false;
        }
        return true;
    }

    private static DateTime Later(DateTime? a, DateTime b) => a is { } x && x > b ? x : DateTime.SpecifyKind(b, DateTimeKind.Utc);

    private static DateTime Earlier(DateTime? a, DateTime b) => a is { } x && x < b ? x : DateTime.SpecifyKind(b, DateTimeKind.Utc);

    private static string Base(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/fhir";

    private static string Link(HttpContext context, string type, IReadOnlyDictionary<string, StringValues> parameters, long next) =>
        Base(context) + "/" + type + Microsoft.AspNetCore.Http.QueryString.Create(parameters
            .Where(p => p.Key != "ct").SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new KeyValuePair<string, string?>("ct", next.ToString(CultureInfo.InvariantCulture))));

    private static Bundle Searchset(HttpContext context, IEnumerable<Resource> resources, string? next, IReadOnlyDictionary<string, StringValues>? parameters = null)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        var path = context.Request.Path.Value!.Replace("/_search", "", StringComparison.Ordinal);
        // The address as sent: what a POST _search carried in its body stays out of it.
        var self = context.Request.QueryString.ToString();
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{path}{self}" });
        if (next is not null)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = next });
        }
        foreach (var resource in resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{Base(context)}/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }
        if (next is null && parameters is null)
        {
            bundle.Total = bundle.Entry.Count;
        }
        return bundle;
    }
}
