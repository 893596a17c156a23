using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Operations;

/// <summary>
/// Property: no request a client can send makes the server answer 5xx — a client's mistake is 400 (or 401/403/404/
/// 405/409/412/428…), never 500. Every route of the OpenAPI document gets, one parameter or body field at a time,
/// every value of <see cref="HostileValues"/> (extreme and impossible dates, periods, numbers, huge and odd strings,
/// empty) while the others keep plausible values, then random mixtures, from callers of every kind; bodies are also
/// sent broken. Deterministic: one seed, the document's order; the mixtures stop at a time budget.
/// </summary>
public class HostileRequestsTests
{
    private const int Seed = 16;
    private const int MixturesPerOperation = 40;
    private static readonly TimeSpan MixtureBudget = TimeSpan.FromSeconds(45);

    /// <summary>Values a form, a script or an attacker may put into any field. Each line says what it probes.</summary>
    public static readonly string[] HostileValues =
    [
        "", " ", "\t",
        // Dates at and past the ends of the calendar (DateOnly, LocalDate, DateTime and PostgreSQL's date differ there).
        "0001-01-01", "9999-12-31", "9999-12-30", "10000-01-01", "-0001-01-01", "0000-00-00", "275760-09-13", "1899-12-31",
        // Dates that are not dates, or not in ISO form.
        "2024-02-30", "2024-13-01", "2024-1-1", "01.02.2024", "2024-02-29T25:00", "2024-06-01T00:00:00Z",
        // Periods at the ends and beyond the kinds the contract names.
        "9999", "9999-12", "9999-T3", "9999-Q4", "1900", "1900-01", "1900-T1", "0000", "99999", "2024-T0", "2024-T4",
        "2024-Q0", "2024-Q5", "2024-00", "2024-13", "2024-W01", "-2024",
        // Numbers at and past the ends of int and long, and not numbers at all.
        "0", "-1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "1e309", "NaN", "0x10", "1.5", "null", "true", "[]", "{}",
        // Long text: past every field limit and a URL's.
        new string('9', 400), new string('A', 9000),
        // Unicode: Norwegian letters, an emoji, a NUL, a right-to-left override, a combining mark.
        "ÆØÅ æøå", "🙂", "\u0000", "\u202Eevil", "e\u0301",
        // Injection and path tricks.
        "' OR '1'='1", "../../etc/passwd", "%", "%00", "<script>alert(1)</script>", "OUS\r\nSet-Cookie: x=1", "A01A", "a:b", "*",
    ];

    /// <summary>Raw query values that are not valid UTF-8 once decoded (a lone surrogate, an overlong slash).</summary>
    private static readonly string[] BrokenEscapes = ["%ED%A0%80", "%C0%AF", "%FF%FE"];

    /// <summary>Bodies that are not the JSON an operation takes.</summary>
    private static readonly string[] BrokenBodies =
    [
        "", "{", "null", "[]", "\"x\"", "42", "{\"date\":}", "{\"a\":1,\"a\":2}",
        new string('[', 5_000) + new string(']', 5_000),
        "{\"nationalId\":\"" + new string('x', 2_000_000) + "\"}",
    ];

    public static readonly TheoryData<DatabaseKind> Databases = new(DatabaseKind.Sqlite, DatabaseKind.Postgres);

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task EveryRouteInTheOpenApiDocument_AnswersHostileValues_WithoutA5xx(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind, completed: true);
        var callers = new List<(string Name, HttpClient Client)>
        {
            ("anonymous", scenario.Anonymous()),
            ("koordinator", await scenario.SignedInAsync("koordinator")),
            ("analytiker-nasjonal", await scenario.SignedInAsync("analytiker-nasjonal")),
            ("admin", await scenario.SignedInAsync("admin")),
            ("token:OUS", scenario.WithToken("OUS")),
        };
        using var document = JsonDocument.Parse(await callers[0].Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), ct));
        var plausible = Plausible(scenario);
        var random = new Random(Seed);
        var failures = new List<string>();
        var sent = 0;
        Func<int> chooseCaller = () => random.Next(callers.Count);
        var operations = Operations(document.RootElement).ToList();
        Assert.True(operations.Count >= 15, $"the OpenAPI document lists only {operations.Count} operations");

        async Task SendAsync(Operation operation, IReadOnlyDictionary<string, string> values, string? body, string what)
        {
            var (name, client) = callers[chooseCaller()];
            using var request = operation.Request(values, body);
            if (operation.Method != HttpMethod.Get && random.Next(3) == 0)
            {
                request.Headers.TryAddWithoutValidation("If-Match", Pick(random, ["\"1\"", "*", "W/\"x\"", "\"99999999999999999999\"", "garbage", "\"\""]));
            }
            using var response = await client.SendAsync(request, ct);
            sent++;
            if ((int)response.StatusCode >= 500)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                failures.Add($"{operation.Method} {request.RequestUri} ({name}, {what}) → {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}");
            }
        }

        foreach (var operation in operations)
        {
            var defaults = operation.Fields.ToDictionary(f => f.Name, f => plausible(f), StringComparer.Ordinal);
            // The callers the route serves (else its checks behind sign-in would never see a hostile value), and now and then someone it refuses.
            var served = new List<int>();
            for (var i = 0; i < callers.Count; i++)
            {
                using var probe = operation.Request(defaults, null);
                using var answer = await callers[i].Client.SendAsync(probe, ct);
                if ((int)answer.StatusCode is not (401 or 403))
                {
                    served.Add(i);
                }
            }
            chooseCaller = () => served.Count > 0 && random.Next(8) != 0 ? served[random.Next(served.Count)] : random.Next(callers.Count);
            // One field at a time, every hostile value, the others plausible.
            foreach (var field in operation.Fields)
            {
                foreach (var value in HostileValues.Concat(field.In == "query" ? BrokenEscapes : []))
                {
                    await SendAsync(operation, new Dictionary<string, string>(defaults, StringComparer.Ordinal) { [field.Name] = value }, null, $"{field.Name}={Shown(value)}");
                }
            }
            if (operation.TakesBody)
            {
                foreach (var body in BrokenBodies)
                {
                    await SendAsync(operation, defaults, body, $"body {Shown(body)}");
                }
            }
        }
        // Random mixtures: several fields hostile at once, until the budget is spent.
        var mixing = Stopwatch.StartNew();
        for (var round = 0; round < MixturesPerOperation && mixing.Elapsed < MixtureBudget; round++)
        {
            foreach (var operation in operations)
            {
                var values = operation.Fields.ToDictionary(f => f.Name, f => random.Next(2) == 0 ? plausible(f) : Pick(random, HostileValues), StringComparer.Ordinal);
                await SendAsync(operation, values, null, "mixture " + string.Join(',', values.Select(v => $"{v.Key}={Shown(v.Value)}")));
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests on {kind} answered 5xx:\n" + string.Join('\n', failures.Take(40)));
        Assert.True(sent > 3_000, $"only {sent} requests were sent");
    }

    /// <summary>The sign-in form is not in the OpenAPI document: a post without its antiforgery token, and return addresses LocalRedirect refuses.</summary>
    [Fact]
    public async Task SignInForm_WithoutItsToken_Is400_AndOddReturnAddresses_GoHome()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = scenario.BaseAddress };
        var failures = new List<string>();

        using (var bare = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "koordinator", ["password"] = "forlop-demo", ["returnUrl"] = "/" }))
        {
            var response = await client.PostAsync(new Uri("/konto/logg-inn", UriKind.Relative), bare, ct);
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                failures.Add($"no antiforgery token: {(int)response.StatusCode}");
            }
        }

        // A fresh browser for each attempt: a token is bound to the identity it was issued to, so it stops being valid once one attempt signs in.
        async Task<HttpResponseMessage> SignInAsync(string returnUrl, string password)
        {
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = scenario.BaseAddress };
            var page = await browser.GetStringAsync(new Uri("/logg-inn", UriKind.Relative), ct);
            var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"");
            Assert.True(token.Success, "the login page has no antiforgery field");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value),
                ["userName"] = "koordinator",
                ["password"] = password,
                ["returnUrl"] = returnUrl,
            });
            return await browser.PostAsync(new Uri("/konto/logg-inn", UriKind.Relative), form, ct);
        }

        string[] odd = ["/\t/evil.example", "/\u0001", "/a\r\nSet-Cookie: x=1", "//evil.example", "/\\evil.example", "https://evil.example", "/" + new string('a', 20_000), "", "\u0000"];
        foreach (var returnUrl in odd)
        {
            foreach (var password in new[] { "forlop-demo", "wrong" })
            {
                using var response = await SignInAsync(returnUrl, password);
                var location = response.Headers.Location?.OriginalString ?? "";
                // Home or the login page again, never off the site; a form the server will not read (a NUL in it) may be a 400.
                if ((int)response.StatusCode >= 500 || (response.StatusCode != HttpStatusCode.BadRequest
                    && (response.StatusCode != HttpStatusCode.Redirect || !location.StartsWith('/') || location.StartsWith("//", StringComparison.Ordinal) || location.Any(char.IsControl))))
                {
                    failures.Add($"returnUrl {Shown(returnUrl)} with password {password}: {(int)response.StatusCode} to {Shown(location)}");
                }
            }
        }
        foreach (var back in odd)
        {
            var response = await client.GetAsync(new Uri("/sprak?kultur=en-GB&tilbake=" + Uri.EscapeDataString(back), UriKind.Relative), ct);
            // A redirect stays on the site; a return address longer than a URL may be is refused (414), not a failure.
            var status = (int)response.StatusCode;
            if (status >= 500 || (response.StatusCode == HttpStatusCode.Redirect
                && (response.Headers.Location?.OriginalString is not { } to || !to.StartsWith('/') || to.StartsWith("//", StringComparison.Ordinal))))
            {
                failures.Add($"language switch back to {Shown(back)}: {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>One operation of the document: method, path template, its parameters and the fields of its JSON body.</summary>
    private sealed record Operation(HttpMethod Method, string Path, IReadOnlyList<Field> Fields, bool TakesBody)
    {
        public HttpRequestMessage Request(IReadOnlyDictionary<string, string> values, string? rawBody)
        {
            var path = Path;
            var query = new StringBuilder();
            JsonObject? body = TakesBody ? [] : null;
            foreach (var field in Fields)
            {
                var value = values[field.Name];
                var escaped = BrokenEscapes.Contains(value) ? value : Uri.EscapeDataString(value);
                switch (field.In)
                {
                    case "path":
                        path = path.Replace("{" + field.Name + "}", escaped, StringComparison.Ordinal);
                        break;
                    case "query":
                        query.Append(query.Length == 0 ? '?' : '&').Append(field.Name).Append('=').Append(escaped);
                        break;
                    case "body":
                        body![field.Name] = AsJson(value, field.Type);
                        break;
                }
            }
            var request = new HttpRequestMessage(Method, new Uri(path + query, UriKind.Relative));
            if (rawBody is not null)
            {
                request.Content = new StringContent(rawBody, Encoding.UTF8, "application/json");
            }
            else if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }
            return request;
        }

        /// <summary>A body field's value as JSON: numbers stay numbers where they parse as one, everything else is a string.</summary>
        private static JsonValue? AsJson(string value, string type) =>
            value == "null" ? null
            : type is "integer" or "number" && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number)
            : type == "boolean" && bool.TryParse(value, out var flag) ? JsonValue.Create(flag)
            : JsonValue.Create(value);
    }

    private sealed record Field(string Name, string In, string Type, string? Format);

    private static IEnumerable<Operation> Operations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var fields = new List<Field>();
                if (method.Value.TryGetProperty("parameters", out var parameters))
                {
                    foreach (var p in parameters.EnumerateArray())
                    {
                        var schema = Resolve(document, p.GetProperty("schema"));
                        fields.Add(new Field(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, TypeOf(schema), FormatOf(schema)));
                    }
                }
                var takesBody = false;
                if (method.Value.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    takesBody = true;
                    var schema = Resolve(document, json.GetProperty("schema"));
                    if (schema.TryGetProperty("properties", out var properties))
                    {
                        fields.AddRange(properties.EnumerateObject().Select(p => new Field(p.Name, "body", TypeOf(Resolve(document, p.Value)), FormatOf(Resolve(document, p.Value)))));
                    }
                }
                yield return new Operation(new HttpMethod(method.Name.ToUpperInvariant()), path.Name, fields, takesBody);
            }
        }
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..]);
        }
        return schema;
    }

    private static string TypeOf(JsonElement schema) => !schema.TryGetProperty("type", out var type) ? "string"
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).FirstOrDefault(t => t != "null") ?? "string"
        : type.GetString() ?? "string";

    private static string? FormatOf(JsonElement schema) => schema.TryGetProperty("format", out var format) ? format.GetString() : null;

    /// <summary>A value the operation would accept for a field, so a refusal points at the hostile one.</summary>
    private static Func<Field, string> Plausible(PersonDataScenario scenario)
    {
        var own = scenario.Places["OUS"];
        var yesterday = scenario.Today.PlusDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return field => field.Name.ToLowerInvariant() switch
        {
            "id" => own.EpisodeId.ToString(CultureInfo.InvariantCulture),
            "nationalid" or "patient" => own.NationalId,
            "code" => field.In == "body" ? "A01S" : "A01",
            "period" or "month" => scenario.CompletedPeriod,
            "hf" or "organisation" => "OUS",
            "unit" => PersonDataScenario.Unit,
            "level" or "by" => "hf",
            "format" => "csv",
            "mincount" => "3",
            "page" => "1",
            "pagesize" => "10",
            "from" or "to" or "date" => yesterday,
            "time" => "10:00",
            "user" or "coordinator" => "koordinator",
            "indicator" => "completed-within-standard",
            _ => field.Type switch
            {
                "integer" or "number" => "1",
                "boolean" => "true",
                _ => field.Format == "date" ? yesterday : "x",
            },
        };
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Shown(string value) => value.Length > 40 ? $"{value[..20]}…({value.Length.ToString(CultureInfo.InvariantCulture)} chars)" : value;
}
