using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Web;
using Forlop.App.Hosting;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Patients;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.PatientView;

/// <summary>
/// A person signed in to see her own pathways (or, with consent, a relative's): known by her identity number only,
/// never by a staff role. Her sign-in is a principal of its own scheme (<see cref="PatientSignIn.Scheme"/>), so staff
/// routes do not see it and the patient's routes do not see a staff cookie or token (decision 0029).
/// </summary>
public sealed record Citizen(string NationalId, string Name, string From)
{
    /// <summary>How the access log names her: by the identity number she signed in with.</summary>
    public string LogUser => "innbygger:" + NationalId;

    /// <summary>An access-log entry for a read or change of a patient's data by this person, as the patient herself or as a relative.</summary>
    public AccessEntry Entry(Instant at, string patient, AccessKind kind, string what) =>
        new(at, LogUser, string.Equals(patient, NationalId, StringComparison.Ordinal) ? PatientSignIn.PatientRole : PatientSignIn.RelativeRole, "", patient, kind, what, From);

    public static Citizen? Of(HttpContext context) => PatientSignIn.FromPrincipal(context.User) is { } signedIn
        ? signedIn with { From = context.Connection.RemoteIpAddress?.ToString() ?? "unknown" }
        : null;
}

/// <summary>
/// ID-porten-style OpenID Connect for patients and relatives, configured under <c>Forlop:PatientOidc</c> like the staff's
/// <c>Forlop:Oidc</c>: the provider says who the person is by her identity number (ID-porten's <c>pid</c> claim).
/// </summary>
public sealed class PatientOidcSettings : IValidatableObject
{
    public const string Section = "Forlop:PatientOidc";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public List<string> Scopes { get; set; } = ["openid", "profile"];
    /// <summary>ID-porten puts the person's identity number (fødselsnummer or D-number) here.</summary>
    public string IdentityNumberClaim { get; set; } = "pid";
    public string NameClaim { get; set; } = "name";
    /// <summary>The level of assurance asked for and required (ID-porten: idporten-loa-substantial or idporten-loa-high); empty asks none.</summary>
    public string AcrValues { get; set; } = "idporten-loa-high";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Authority) != string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new("Authority and ClientId are set together, or neither", [nameof(Authority), nameof(ClientId)]);
        }
        if (!string.IsNullOrWhiteSpace(Authority)
            && (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http")))
        {
            yield return new($"'{Authority}' is not an absolute http(s) address", [nameof(Authority)]);
        }
    }
}

public static class PatientSignIn
{
    public const string Scheme = "Patient";
    public const string OidcScheme = "PatientOidc";
    public const string Policy = "patient";
    public const string IdentityClaim = "forlop:nin";
    public const string NameClaim = "name";
    public const string PatientRole = "patient";
    public const string RelativeRole = "relative";
    public const string LoginPath = "/mitt-forlop/logg-inn";
    public const string DemoPassword = LocalAccounts.DemoPassword;

    private static readonly PasswordHasher<PatientLoginEntity> Hasher = new();

    private static readonly string DummyHash = Hasher.HashPassword(
        new PatientLoginEntity { LoginName = "", NationalId = "", DisplayName = "", PasswordHash = "" }, Guid.NewGuid().ToString());

    public static ClaimsPrincipal ToPrincipal(string nationalId, string name, string authenticationType) =>
        new(new ClaimsIdentity([new Claim(IdentityClaim, nationalId), new Claim(NameClaim, name)], authenticationType, NameClaim, null));

    /// <summary>The person of a patient principal; null for anyone else (a staff principal has no identity number claim).</summary>
    public static Citizen? FromPrincipal(ClaimsPrincipal? principal) =>
        principal?.Identity?.IsAuthenticated == true && principal.FindFirst(IdentityClaim)?.Value is { Length: 11 } nin
            ? new Citizen(nin, principal.FindFirst(NameClaim)?.Value ?? "", "unknown")
            : null;

    public static void AddPatientSignIn(this WebApplicationBuilder builder)
    {
        var oidc = builder.Settings<PatientOidcSettings>(PatientOidcSettings.Section);
        var authentication = builder.Services.AddAuthentication()
            .AddCookie(Scheme, o =>
            {
                o.LoginPath = LoginPath;
                o.AccessDeniedPath = LoginPath;
                o.Cookie.Name = "forlop.patient";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = builder.Settings<WebSecuritySettings>(WebSecuritySettings.Section).CookiePolicy;
                // A person's session on a shared computer: half an hour without use ends it.
                o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
            });
        if (oidc.IsConfigured)
        {
            authentication.AddOpenIdConnect(OidcScheme, o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.SignInScheme = Scheme;
                o.CallbackPath = "/signin-idporten";
                o.SignedOutCallbackPath = "/signout-callback-idporten";
                o.MapInboundClaims = false;
                o.Scope.Clear();
                foreach (var scope in oidc.Scopes)
                {
                    o.Scope.Add(scope);
                }
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    if (!string.IsNullOrWhiteSpace(oidc.AcrValues))
                    {
                        context.ProtocolMessage.AcrValues = oidc.AcrValues;
                    }
                    return Task.CompletedTask;
                };
                o.Events.OnTokenValidated = context =>
                {
                    var (principal, problem) = MapClaims(context.Principal!.Claims.ToList(), oidc);
                    if (principal is null)
                    {
                        context.Fail(problem!);
                    }
                    else
                    {
                        context.Principal = principal;
                    }
                    return Task.CompletedTask;
                };
            });
        }
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, new AuthorizationPolicyBuilder(Scheme)
            .RequireAuthenticatedUser().RequireClaim(IdentityClaim).Build());
    }

    /// <summary>The person the provider's claims describe, or why they describe no one Forløp can let in.</summary>
    public static (ClaimsPrincipal? Principal, string? Problem) MapClaims(IReadOnlyCollection<Claim> claims, PatientOidcSettings settings)
    {
        string? Value(string type) => claims.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.Ordinal))?.Value;

        if (!NationalIdentityNumber.TryParse(Value(settings.IdentityNumberClaim), out var nin, out var error))
        {
            return (null, $"the identity's '{settings.IdentityNumberClaim}' claim is not an identity number: {error}");
        }
        var wanted = settings.AcrValues.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (wanted.Length > 0 && !wanted.Contains(Value("acr"), StringComparer.Ordinal))
        {
            return (null, $"the sign-in's level of assurance '{Value("acr")}' is not {settings.AcrValues}");
        }
        return (ToPrincipal(nin.Value, Value(settings.NameClaim) ?? "", OidcScheme), null);
    }

    /// <summary>The demo's sign-in without an identity provider: a login name and password that stand for an identity number.</summary>
    public static async Task<PatientLoginEntity?> VerifyAsync(RegistryDb db, string loginName, string password, CancellationToken ct)
    {
        var login = await db.PatientLogins.AsNoTracking().SingleOrDefaultAsync(l => l.LoginName == loginName, ct);
        if (login is null)
        {
            // Hash anyway so a missing login takes as long as a wrong password.
            Hasher.VerifyHashedPassword(new PatientLoginEntity { LoginName = "", NationalId = "", DisplayName = "", PasswordHash = "" }, DummyHash, password);
            return null;
        }
        return Hasher.VerifyHashedPassword(login, login.PasswordHash, password) == PasswordVerificationResult.Failed ? null : login;
    }

    public static void AddLogin(RegistryDb db, string loginName, string nationalId, string displayName, string password, DateTime now)
    {
        var login = new PatientLoginEntity { LoginName = loginName, NationalId = nationalId, DisplayName = displayName, PasswordHash = "", CreatedAt = now };
        login.PasswordHash = Hasher.HashPassword(login, password);
        db.PatientLogins.Add(login);
    }

    public static void MapPatientSignIn(this WebApplication app)
    {
        app.MapPost("/mitt-forlop/konto/logg-inn", async ([FromForm] string? loginName, [FromForm] string? password,
            HttpContext context, RegistryDb db, SignInThrottle throttle, CancellationToken ct) =>
        {
            var name = loginName?.Trim() ?? "";
            // The staff's throttle, under a name of its own so a patient's login cannot lock a staff account.
            var throttled = "innbygger:" + name;
            if (name.Length > 0 && throttle.IsLocked(throttled))
            {
                return Results.Redirect(LoginPath + "?feil=" + SignInThrottle.LockedMarker);
            }
            var login = name.Length == 0 || string.IsNullOrEmpty(password) ? null : await VerifyAsync(db, name, password, ct);
            if (login is null)
            {
                if (name.Length > 0)
                {
                    await throttle.FailedAsync(throttled, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", ct);
                }
                return Results.Redirect(LoginPath + (throttle.IsLocked(throttled) ? "?feil=" + SignInThrottle.LockedMarker : "?feil=1"));
            }
            throttle.Succeeded(throttled);
            await context.SignInAsync(Scheme, ToPrincipal(login.NationalId, login.DisplayName, Scheme), new AuthenticationProperties { IsPersistent = false });
            return Results.LocalRedirect("/mitt-forlop");
        }).RequireRateLimiting(SignInThrottle.AddressPolicy).ExcludeFromDescription();

        app.MapPost("/mitt-forlop/konto/logg-ut", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "the sign-out form's antiforgery token is missing or wrong");
            }
            await context.SignOutAsync(Scheme);
            return Results.LocalRedirect(LoginPath);
        }).ExcludeFromDescription();

        app.MapGet("/mitt-forlop/konto/ekstern", (PatientOidcSettings oidc) => oidc.IsConfigured
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = "/mitt-forlop" }, [OidcScheme])
            : Results.NotFound()).ExcludeFromDescription();
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
