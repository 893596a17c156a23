using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Forlop.App.Features.Serve;

/// <summary>
/// What the OpenAPI document (/openapi/v1.json) says beyond the routes themselves: how to sign in (the browser's
/// cookie or a hospital system's bearer token), what every common query parameter and the If-Match header take, with
/// examples, and the problem responses of the routes that need a signed-in caller. Words only: no route, parameter
/// or answer changes. The reference page (/api) is Scalar without its vendor AI agent, SDK generator or telemetry.
/// </summary>
public static class ApiDocument
{
    public const string CookieScheme = "cookie";
    public const string PatientScheme = "patient-cookie";
    public const string BearerScheme = "bearer";

    /// <summary>The query parameters the routes share, by name: what they take, the values allowed and an example.</summary>
    private static readonly Dictionary<string, (string Description, string Example, string[]? Allowed)> Parameters = new(StringComparer.Ordinal)
    {
        ["period"] = ("A reporting period: YYYY (year), YYYY-Tn (tertial 1–3), YYYY-Qn (quarter 1–4) or YYYY-MM (month)", "2016-T3", null),
        ["by"] = ("The breakdown of the table", "pathway", ["pathway", "hf", "rhf"]),
        ["format"] = ("The file: csv (technical: commas, decimal points, machine headings), csv-nb (for a Norwegian Excel: semicolons, decimal commas, Norwegian headings), xlsx or pdf", "csv", ["csv", "csv-nb", "xlsx", "pdf"]),
        ["organisation"] = ("An HF or RHF code (GET /api/v1/organisations lists them); without it the whole country", "OUS", null),
        ["minCount"] = ("Suppress counts below this (at least NPR's 3)", "3", null),
        ["hf"] = ("An HF code", "OUS", null),
        ["month"] = ("A month, YYYY-MM", "2016-09", null),
        ["level"] = ("The organisation level of the figures", "hf", ["unit", "hf", "rhf", "nation"]),
        ["pathway"] = ("A pathway code of the catalogue, or ALL", "A12", null),
        ["page"] = ("The page, from 1", "1", null),
        ["pageSize"] = ("Rows per page", "50", null),
        ["subset"] = ("The part of the figure", "completed", ["completed", "within", "over"]),
    };

    public static IServiceCollection AddApiDocument(this IServiceCollection services) => services.AddOpenApi("v1", options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
            {
                [CookieScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Cookie,
                    Name = "forlop.auth",
                    Description = "The session cookie of a user signed in at /logg-inn (or through OpenID Connect). State-changing calls from a browser also need the antiforgery token.",
                },
                [PatientScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Cookie,
                    Name = "forlop.patient",
                    Description = "A patient's or relative's session cookie from /mitt-forlop/logg-inn (ID-porten-style OpenID Connect, or the demo's login); only /api/v1/me takes it, and /api/v1/me takes nothing else.",
                },
                [BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A hospital system's token from `forlop add-api-client NAME --organisation HF` (shown once; `forlop revoke-api-client` ends it).",
                },
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.In == ParameterLocation.Query && parameter.Name is { } name && Parameters.TryGetValue(name, out var known))
                {
                    parameter.Description ??= known.Description;
                    parameter.Example ??= JsonValue.Create(known.Example);
                    if (known.Allowed is { } allowed && parameter.Schema is OpenApiSchema schema && (schema.Enum is null || schema.Enum.Count == 0))
                    {
                        schema.Enum = allowed.Select(a => (JsonNode)JsonValue.Create(a)).ToList();
                    }
                }
            }
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IfMatchHeader>().FirstOrDefault() is { } ifMatch)
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = ifMatch.Required,
                    Description = ifMatch.Description,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    Example = JsonValue.Create("\"7\""),
                });
            }
            if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy == PatientView.PatientSignIn.Policy))
            {
                operation.Security = [new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(PatientScheme, context.Document)] = [],
                }];
                operation.Responses ??= [];
                Problem(operation, "401", "Not signed in as a patient or relative (a staff cookie or token is not taken here)");
            }
            else if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [],
                }, new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [],
                }];
                operation.Responses ??= [];
                Problem(operation, "401", "Not signed in, or the token is unknown or revoked");
                Problem(operation, "403", "Signed in, but the role or organisation gives no access to this");
            }
            return Task.CompletedTask;
        });
    });

    /// <summary>The Scalar reference page without the vendor's AI agent ("Ask AI"), SDK generator ("Generate SDK"), MCP or telemetry.</summary>
    public static void Configure(ScalarOptions options) => options
        .WithTitle("Forløp API")
        .WithOpenApiRoutePattern("/openapi/{documentName}.json")
        .DisableAgent()
        .DisableMcp()
        .HideClientButton()
        .DisableTelemetry()
        .AddPreferredSecuritySchemes(CookieScheme, BearerScheme);

    private static void Problem(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/problem+json"] = new OpenApiMediaType(),
            },
        };
    }
}

/// <summary>Marks a route that reads If-Match (optimistic concurrency), so the OpenAPI document describes the header.</summary>
public sealed record IfMatchHeader(bool Required, string Description);
