using Forlop.Domain;
using System.Security.Claims;
using Forlop.Domain.Access;
using Forlop.Domain.Catalogue;

namespace Forlop.App.Features.Accounts;

/// <summary>
/// How an <see cref="Actor"/> travels in a sign-in cookie or token: a few claims of our own, whichever way the user
/// signed in (local account, OpenID Connect, API token), so the rest of the app reads one shape.
/// </summary>
public static class ActorClaims
{
    public const string UserName = "forlop:user";
    public const string Name = "name";
    public const string Role = "forlop:role";
    public const string Organisation = "forlop:org";
    public const string Units = "forlop:units";

    public static ClaimsPrincipal ToPrincipal(Actor actor, string authenticationType) =>
        new(new ClaimsIdentity(
            [
                new Claim(UserName, actor.UserName),
                new Claim(Name, actor.DisplayName),
                new Claim(Role, EnumNames.Of(actor.Role)),
                new Claim(Organisation, actor.Organisation),
                new Claim(Units, string.Join(',', actor.Units)),
            ],
            authenticationType, Name, Role));

    /// <summary>The actor of a signed-in principal; null when not signed in or the claims are not ours.</summary>
    public static Actor? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true
            || principal.FindFirst(UserName)?.Value is not { Length: > 0 } userName
            || !EnumNames.TryParse<Role>(principal.FindFirst(Role)?.Value, out var role))
        {
            return null;
        }
        return new Actor(
            userName,
            principal.FindFirst(Name)?.Value ?? userName,
            role,
            principal.FindFirst(Organisation)?.Value ?? "",
            SplitUnits(principal.FindFirst(Units)?.Value));
    }

    public static IReadOnlyList<string> SplitUnits(string? units) =>
        string.IsNullOrWhiteSpace(units) ? [] : units.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
