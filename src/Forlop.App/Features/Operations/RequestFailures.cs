using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using Forlop.App.Features.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace Forlop.App.Features.Operations;

/// <summary>
/// What a request that failed answers. A client's mistake the framework caught (a body that is not JSON, a form
/// without its antiforgery token, a header too long) is the client's: 400 with the reason, never 500. A database
/// that does not answer is an outage: 503 with <c>Retry-After</c>, as problem details for the API and as a page in
/// the user's language for people, so nobody sees raw JSON. Anything else stays a 500 with a generic body.
/// </summary>
public sealed class RequestFailures(IStringLocalizer<WebTexts> texts, ILogger<RequestFailures> logger, IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait before it tries again: about how long a database restart takes.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var http = httpContext;
        if (http.Response.HasStarted)
        {
            return false;
        }
        if (ClientMistake(exception) is { } mistake)
        {
            http.Response.StatusCode = mistake.Status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails = { Status = mistake.Status, Title = "Invalid request", Detail = mistake.Reason },
            });
        }
        if (!IsDatabaseOutage(exception))
        {
            return false;
        }
        logger.LogWarning("Database unavailable: {Reason}", exception.GetBaseException().Message);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        if (IsForPeople(http))
        {
            await WritePageAsync(http, cancellationToken);
            return true;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = $"The database does not answer; nothing was changed by this request. Try again in {RetryAfterSeconds} seconds.",
            },
        });
    }

    /// <summary>
    /// Refuses with 400 a request whose path or query holds a NUL character: no field of Forløp may hold one, and
    /// PostgreSQL refuses it in text with an error that would otherwise surface as a 500 deep inside a query.
    /// </summary>
    public static Task RefuseNulCharacters(HttpContext http, RequestDelegate next)
    {
        if ((http.Request.Path.Value?.Contains('\0', StringComparison.Ordinal) ?? false)
            || http.Request.Query.Any(q => q.Key.Contains('\0', StringComparison.Ordinal) || q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) ?? false)))
        {
            return Results.Problem("A parameter holds a NUL character (%00), which no field accepts.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid request")
                .ExecuteAsync(http);
        }
        return next(http);
    }

    /// <summary>An exception that means the request itself was wrong, with its status code and a reason to show.</summary>
    public static (int Status, string Reason)? ClientMistake(Exception exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, bad.Message),
        AntiforgeryValidationException => (StatusCodes.Status400BadRequest, "The form's antiforgery token is missing or invalid: reload the page and send it again."),
        _ => null,
    };

    /// <summary>
    /// Whether the exception, or one it wraps, says the database could not be reached or is restarting (a transient
    /// failure in the provider's words, a refused socket, a pool that timed out) rather than that the request broke a rule.
    /// </summary>
    public static bool IsDatabaseOutage(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case NpgsqlException npgsql when npgsql.IsTransient:
                // The server is shutting down, crashed, or not yet accepting connections (class 57P: operator intervention).
                case PostgresException { SqlState: "57P01" or "57P02" or "57P03" }:
                case SqliteException { SqliteErrorCode: 5 or 6 or 14 }: // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN
                case DbException { IsTransient: true }:
                // Npgsql's answer to a command on a connection that broke mid-transaction ("Transaction is already
                // completed"): the server rolled the transaction back, so nothing of the request was kept.
                case InvalidOperationException { Source: "Npgsql" }:
                case SocketException:
                    return true;
            }
        }
        return false;
    }

    private static bool IsForPeople(HttpContext http) =>
        !http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
        && !http.Request.Path.StartsWithSegments("/openapi", StringComparison.Ordinal)
        && !http.Request.Path.StartsWithSegments("/readyz", StringComparison.Ordinal);

    /// <summary>A page of its own, without the layout: the layout's parts read the database too.</summary>
    private async Task WritePageAsync(HttpContext http, CancellationToken ct)
    {
        // The culture the localization middleware chose for this request; the exception unwound past it.
        var culture = http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? WebUi.Norwegian;
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var encode = System.Text.Encodings.Web.HtmlEncoder.Default;
            var title = encode.Encode(texts["Outage.Title"]);
            var body = encode.Encode(texts["Outage.Body"]);
            var again = encode.Encode(texts["Outage.TryAgain"]);
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(
                $"""
                <!DOCTYPE html>
                <html lang="{culture.TwoLetterISOLanguageName}"><head><meta charset="utf-8"><meta http-equiv="refresh" content="{RetryAfterSeconds.ToString(CultureInfo.InvariantCulture)}">
                <title>{title} – Forløp</title></head>
                <body style="font-family:sans-serif;max-width:40em;margin:4em auto"><h1>{title}</h1><p>{body}</p><p><a href="">{again}</a></p></body></html>
                """, ct);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
