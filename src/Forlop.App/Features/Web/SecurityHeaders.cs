using Forlop.App.Hosting;
using System.Security.Cryptography;
using Microsoft.AspNetCore.HttpOverrides;

namespace Forlop.App.Features.Web;

/// <summary>How the web host is reached: <c>Forlop:Web:*</c> in configuration (or <c>Forlop__Web__SecureCookies</c> and so on).</summary>
public sealed class WebSecuritySettings
{
    public const string Section = "Forlop:Web";

    /// <summary>
    /// Cookies only over HTTPS. Unset: they are marked Secure whenever the request came over HTTPS (directly, or through
    /// a proxy when <see cref="BehindProxy"/> is on); true: always, for a TLS proxy that does not say so (every request
    /// is then taken as HTTPS); false: never.
    /// </summary>
    public bool? SecureCookies { get; set; }

    /// <summary>A reverse proxy in front terminates TLS and sends X-Forwarded-Proto/-For, which are then believed.</summary>
    public bool BehindProxy { get; set; }

    public CookieSecurePolicy CookiePolicy => SecureCookies switch
    {
        true => CookieSecurePolicy.Always,
        false => CookieSecurePolicy.None,
        null => CookieSecurePolicy.SameAsRequest,
    };
}

/// <summary>
/// The response headers ASVS 4.0 level 2 asks of a web application with health data (V14.4, V8.2.1): a content
/// security policy that lets the Blazor Server pages and MudBlazor run and nothing else, no MIME sniffing, no
/// referrer (addresses hold episode ids), no framing, and no caching of anything that did not choose a cache policy
/// itself (person data, pages; the public statistics and static files set their own).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from the app itself (blazor.web.js, MudBlazor.min.js) plus the one inline import map, allowed by a
    /// per-response nonce; inline styles, because MudBlazor sets style attributes; the circuit's WebSocket is
    /// same-origin, which 'self' covers in connect-src.
    /// </summary>
    public static string PolicyFor(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>The browsable API reference (/api, Scalar) starts itself with an inline script; it shows no person data.</summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>The key under which a response's nonce waits in <see cref="HttpContext.Items"/> for the page (App.razor).</summary>
    public const string NonceItem = "forlop:csp-nonce";

    public static void AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        var settings = builder.Settings<WebSecuritySettings>(WebSecuritySettings.Section);
        builder.Services.AddAntiforgery(o =>
        {
            // Antiforgery refuses to run on plain HTTP with Always; SecureCookies = true makes every request HTTPS instead (UseSecurityHeaders).
            o.Cookie.SecurePolicy = settings.SecureCookies == false ? CookieSecurePolicy.None : CookieSecurePolicy.SameAsRequest;
            o.Cookie.HttpOnly = true;
        });
        if (settings.BehindProxy)
        {
            builder.Services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                // The proxy is the operator's; it may sit on any address of the installation's network.
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
            });
        }
    }

    public static void UseSecurityHeaders(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<WebSecuritySettings>();
        if (settings.BehindProxy)
        {
            app.UseForwardedHeaders();
        }
        var secureOnly = settings.SecureCookies == true;
        app.Use((http, next) =>
        {
            if (secureOnly)
            {
                // TLS ends in front of the app (SecureCookies = true): treat every request as the HTTPS request it was.
                http.Request.Scheme = "https";
            }
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            http.Items[NonceItem] = nonce;
            var apiReference = http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                && !http.Request.Path.StartsWithSegments("/api/v1", StringComparison.Ordinal);
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = apiReference ? ApiReferencePolicy : PolicyFor(nonce);
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                if (string.IsNullOrEmpty(headers.CacheControl))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            });
            return next(http);
        });
    }
}
