using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using NodaTime;

namespace Forlop.App.Features.Accounts;

/// <summary>Who is calling and from where: what every person-data read or change is logged with.</summary>
public sealed record Caller(Actor Actor, string From)
{
    public static Caller? Of(HttpContext context) =>
        ActorClaims.FromPrincipal(context.User) is { } actor
            ? new Caller(actor, context.Connection.RemoteIpAddress?.ToString() ?? "unknown")
            : null;

    public AccessEntry Entry(Instant at, string patient, AccessKind kind, string what) =>
        new(at, Actor.UserName, Forlop.Domain.Catalogue.PathwayFileParser.Kebab(Actor.Role.ToString()), Actor.Organisation, patient, kind, what, From);
}
