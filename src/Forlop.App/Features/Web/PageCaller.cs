using Forlop.App.Features.Accounts;
using Microsoft.AspNetCore.Components.Authorization;

namespace Forlop.App.Features.Web;

/// <summary>
/// The address the browser connected from, taken from the page's first request (a live page has no HttpContext) and
/// cascaded to every page, so person-data reads and changes made on a page are logged with it, as the API's are.
/// </summary>
public sealed record ClientAddress(string Value);

public static class PageCaller
{
    /// <summary>The signed-in caller of a page; null when not signed in.</summary>
    public static async Task<Caller?> OfAsync(Task<AuthenticationState> authentication, ClientAddress? address) =>
        ActorClaims.FromPrincipal((await authentication).User) is { } actor ? new Caller(actor, address?.Value ?? "unknown") : null;
}
