using Microsoft.Extensions.Localization;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace Forlop.App.Features.Web;

/// <summary>
/// The people's web application: Blazor components with MudBlazor, rendered interactively on the server (except the
/// login page, a plain form), in Norwegian bokmål unless the user chose English.
/// </summary>
public static class WebUi
{
    public static readonly CultureInfo Norwegian = CultureInfo.GetCultureInfo("nb-NO");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static void AddWebUi(this WebApplicationBuilder builder)
    {
        // Serves the MudBlazor files and the framework's scripts from the build output outside Development too.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // Pages keep æ, ø and å as letters rather than &#xF8; escapes (markup characters are still escaped).
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        builder.Services.AddMudServices();
        builder.Services.AddLocalization();
        // One localizer over every feature's text file (WebTexts), in place of the framework's one-file-per-type.
        builder.Services.AddSingleton<IStringLocalizer<WebTexts>, WebTextsLocalizer>();
    }

    /// <summary>The request culture and the not-found page; before sign-in and antiforgery, so they wrap all that follows.</summary>
    public static void UseWebUi(this WebApplication app)
    {
        // Norwegian unless the user chose otherwise: the browser's Accept-Language is not asked, since staff
        // machines often run English systems while the work is in Norwegian.
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Norwegian);
            o.SupportedCultures = o.SupportedUICultures = [Norwegian, English];
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        // A person who follows a dead link gets a page; API clients keep their bare status codes.
        app.UseStatusCodePagesWithReExecute(NotFoundPage.Route, createScopeForStatusCodePages: true);
        app.Use((http, next) =>
        {
            // Nor does a form post: re-executing it as the not-found page would run the antiforgery check on its form a
            // second time, and a refused token would turn from 400 into 500.
            if (http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || http.Request.Path.StartsWithSegments("/openapi", StringComparison.Ordinal)
                || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)))
            {
                http.Features.Get<IStatusCodePagesFeature>()!.Enabled = false;
            }
            return next(http);
        });
    }

    public static void MapWebUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapGet(LanguageSwitch.Route, (string? kultur, string? tilbake, HttpContext http) =>
        {
            var culture = string.Equals(kultur, English.Name, StringComparison.Ordinal) ? English : Norwegian;
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax,
                    Secure = http.RequestServices.GetRequiredService<WebSecuritySettings>().CookiePolicy switch
                    {
                        CookieSecurePolicy.Always => true,
                        CookieSecurePolicy.None => false,
                        _ => http.Request.IsHttps,
                    },
                });
            return Results.LocalRedirect(LanguageSwitch.IsLocal(tilbake) ? tilbake! : "/");
        }).ExcludeFromDescription();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
