using Forlop.Domain;
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
        new(at, Actor.UserName, Forlop.Domain.EnumNames.Of(Actor.Role), Actor.Organisation, patient, kind, what, From);
}

/// <summary>
/// Who changed who may do what — added, deactivated or reactivated a user, added or revoked a hospital system's
/// token — for the access log (kind <c>admin</c>, no patient): the administrator's page or the command line.
/// </summary>
public sealed record Administrator(string User, string Role, string Organisation, string From)
{
    /// <summary>Whoever runs the commands has the server's files, not an account: named by the system user, as `forlop history` is.</summary>
    public static Administrator CommandLine() => new("cli:" + Environment.UserName, "command-line", "", "localhost");

    public static Administrator Of(Caller caller) =>
        new(caller.Actor.UserName, Forlop.Domain.EnumNames.Of(caller.Actor.Role), caller.Actor.Organisation, caller.From);

    public Task LogAsync(Data.RegistryDb db, Instant at, string what, CancellationToken ct) =>
        AccessLog.AccessLogger.AppendAsync(db, new AccessEntry(at, User, Role, Organisation, "", AccessKind.Administration, what, From), ct);
}
