using System.Net;
using Microsoft.AspNetCore.Antiforgery;

namespace Forlop.App.Features.Accounts;

/// <summary>The sign-in form for local accounts (plain HTML: it must post without a live connection).</summary>
public static class LoginPage
{
    public static void MapLoginPage(this WebApplication app) =>
        app.MapGet("/logg-inn", (HttpContext context, IAntiforgery antiforgery, string? returnUrl, int? feil) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            var error = feil == 1 ? "<p class=\"error\" role=\"alert\">Feil brukernavn eller passord</p>" : "";
            var html = $$"""
                <!DOCTYPE html>
                <html lang="nb"><head><meta charset="utf-8"><title>Logg inn – Forløp</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto}label{display:block;margin-top:1rem}
                input{width:100%;padding:.5rem;font-size:1rem}button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}.error{color:#b00020}</style></head>
                <body><h1>Forløp</h1><h2>Logg inn</h2>{{error}}
                <form method="post" action="/konto/logg-inn">
                <input type="hidden" name="{{tokens.FormFieldName}}" value="{{WebUtility.HtmlEncode(tokens.RequestToken)}}">
                <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "/")}}">
                <label for="userName">Brukernavn</label><input id="userName" name="userName" autocomplete="username" required>
                <label for="password">Passord</label><input id="password" name="password" type="password" autocomplete="current-password" required>
                <button type="submit">Logg inn</button></form></body></html>
                """;
            return Results.Content(html, "text/html; charset=utf-8");
        }).ExcludeFromDescription().AllowAnonymous();
}
