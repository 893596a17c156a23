using Forlop.App.Hosting;
using Forlop.App.Data;
using Forlop.Domain.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Forlop.App.Features.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Forlop.App.Features.Accounts;

/// <summary>
/// Sign-in: a cookie for people (local accounts, or OpenID Connect when configured), bearer tokens for hospital
/// systems. API routes answer 401/403 instead of redirecting to the login page.
/// </summary>
public static class AccountsSetup
{
    private const string Smart = "Forlop";

    public const string PersonDataPolicy = "person-data";
    public const string FiguresPolicy = "figures";
    public const string AdministratorPolicy = "administrator";

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        var oidc = builder.Settings<OidcSettings>(OidcSettings.Section);
        var authentication = builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = Smart;
                o.DefaultChallengeScheme = oidc.IsConfigured ? OpenIdConnectDefaults.AuthenticationScheme : Smart;
            })
            .AddPolicyScheme(Smart, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                    ? ApiTokens.Scheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/logg-inn";
                o.AccessDeniedPath = "/ingen-tilgang";
                o.Cookie.Name = "forlop.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = builder.Settings<WebSecuritySettings>(WebSecuritySettings.Section).CookiePolicy;
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = LocalAccounts.ValidateSessionAsync;
                o.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokens.Handler>(ApiTokens.Scheme, null);
        if (oidc.IsConfigured)
        {
            authentication.AddOpenIdConnect(o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.MapInboundClaims = false;
                o.Scope.Clear();
                foreach (var scope in oidc.Scopes)
                {
                    o.Scope.Add(scope);
                }
                o.Events.OnTokenValidated = context =>
                {
                    var (actor, problem) = OidcSignIn.MapClaims(context.Principal!.Claims.ToList(), oidc);
                    if (actor is null)
                    {
                        context.Fail(problem!);
                    }
                    else
                    {
                        context.Principal = ActorClaims.ToPrincipal(actor, OpenIdConnectDefaults.AuthenticationScheme);
                    }
                    return Task.CompletedTask;
                };
            });
        }
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PersonDataPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => ActorClaims.FromPrincipal(c.User) is { SeesPersonData: true }))
            .AddPolicy(FiguresPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => ActorClaims.FromPrincipal(c.User)?.Role
                is Role.Coordinator or Role.ClinicalLead or Role.RegionalAnalyst or Role.NationalAnalyst))
            .AddPolicy(AdministratorPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => ActorClaims.FromPrincipal(c.User)?.Role == Role.Administrator));
        SignInThrottle.AddSignInThrottle(builder);
        builder.Services.AddCascadingAuthenticationState();
        // Registered after the framework's own, so live pages use this one.
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, LiveSessionCheck>();
    }

    public static void MapAccounts(this WebApplication app)
    {
        // The login page (/logg-inn) posts here; a failure goes back to it with ?feil=1 and nothing says which field was wrong.
        app.MapPost("/konto/logg-inn", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
            HttpContext context, RegistryDb db, IClock clock, SignInThrottle throttle, CancellationToken ct) =>
        {
            var target = IsLocal(returnUrl) ? returnUrl! : "/";
            var name = userName?.Trim() ?? "";
            // A locked account is refused before its password is looked at, so guessing on goes nowhere.
            if (name.Length > 0 && throttle.IsLocked(name))
            {
                return Results.Redirect($"/logg-inn?feil={SignInThrottle.LockedMarker}&returnUrl=" + Uri.EscapeDataString(target));
            }
            var actor = name.Length == 0 || string.IsNullOrEmpty(password)
                ? null
                : await LocalAccounts.VerifyAsync(db, name, password, ct);
            if (actor is null)
            {
                if (name.Length > 0)
                {
                    await throttle.FailedAsync(name, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", ct);
                }
                return Results.Redirect((throttle.IsLocked(name) ? $"/logg-inn?feil={SignInThrottle.LockedMarker}" : "/logg-inn?feil=1")
                    + "&returnUrl=" + Uri.EscapeDataString(target));
            }
            throttle.Succeeded(name);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, ActorClaims.ToPrincipal(actor, CookieAuthenticationDefaults.AuthenticationScheme),
                new AuthenticationProperties { IsPersistent = false, IssuedUtc = clock.GetCurrentInstant().ToDateTimeOffset() });
            return Results.LocalRedirect(target);
        }).RequireRateLimiting(SignInThrottle.AddressPolicy).ExcludeFromDescription();

        // Signing out changes state too: without the form's antiforgery token another site could sign a user out (ASVS V4.2.2).
        // Minimal APIs reject a missing token only when they bind a form, and this one binds none: it asks itself.
        app.MapPost("/konto/logg-ut", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "the sign-out form's antiforgery token is missing or wrong");
            }
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/logg-inn");
        }).ExcludeFromDescription();

        // Production: start the provider's sign-in when OpenID Connect is configured.
        app.MapGet("/konto/ekstern", (string? returnUrl, OidcSettings oidc) => oidc.IsConfigured
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = IsLocal(returnUrl) ? returnUrl : "/" }, [OpenIdConnectDefaults.AuthenticationScheme])
            : Results.NotFound()).ExcludeFromDescription();
    }

    private static bool IsLocal(string? url) => Web.LanguageSwitch.IsLocal(url);

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
