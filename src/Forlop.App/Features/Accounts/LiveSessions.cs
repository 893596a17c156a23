using Forlop.Domain;
using System.Security.Claims;
using Forlop.App.Data;
using Forlop.Domain.Catalogue;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.Accounts;

/// <summary>
/// A session lasts only as long as the access it was signed in with: a local account's session (cookie or live page)
/// ends when the account is deactivated or its role, organisation or units change. Sessions from OpenID Connect end
/// the same way when the account is kept locally, and otherwise are the identity provider's to end.
/// </summary>
public static class LiveSessions
{
    // Compiled once per model (SQLite's and PostgreSQL's differ, and a compiled query serves one): every signed-in
    // request asks this (the cookie's check), and translating the LINQ each time cost more than the read itself
    // (bench/load.sh profile, docs/performance.md).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel,
        Func<RegistryDb, string, CancellationToken, Task<StoredAccess?>>> ReadAccessByModel = [];

    private static Task<StoredAccess?> ReadAccess(RegistryDb db, string userName, CancellationToken ct) =>
        ReadAccessByModel.GetValue(db.Model, static _ => EF.CompileAsyncQuery(
            (RegistryDb db, string userName, CancellationToken ct) => db.Users.AsNoTracking().Where(u => u.UserName == userName)
                .Select(u => new StoredAccess(u.IsActive, u.Role, u.Organisation, u.Units)).SingleOrDefault()))(db, userName, ct);

    private sealed record StoredAccess(bool IsActive, string Role, string Organisation, string Units);

    /// <summary>Whether the principal's access is still what the users table says (one primary-key read).</summary>
    public static async Task<bool> IsCurrentAsync(RegistryDb db, ClaimsPrincipal principal, CancellationToken ct)
    {
        if (ActorClaims.FromPrincipal(principal) is not { } actor)
        {
            return true; // not signed in: nothing to end
        }
        var user = await ReadAccess(db, actor.UserName, ct);
        if (user is null)
        {
            return principal.Identity?.AuthenticationType != CookieAuthenticationDefaults.AuthenticationScheme;
        }
        return user.IsActive
            && string.Equals(user.Role, EnumNames.Of(actor.Role), StringComparison.Ordinal)
            && string.Equals(user.Organisation, actor.Organisation, StringComparison.Ordinal)
            && ActorClaims.SplitUnits(user.Units).SequenceEqual(actor.Units, StringComparer.Ordinal);
    }
}

/// <summary>
/// The live pages' sign-in, checked against the users table every few seconds (<c>Forlop:Web:SessionCheckSeconds</c>,
/// default 5): a page left open after its user was deactivated, or got another role or scope, loses its sign-in,
/// the router then sends it to the login page, which says why (<see cref="Ended"/>). Without this a live page keeps
/// the sign-in it opened with for as long as the browser stays connected.
/// </summary>
public sealed class LiveSessionCheck(ILoggerFactory loggers, DatabaseTarget target, IConfiguration configuration) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    /// <summary>Set once this page's session was ended by a change of access (not by signing out).</summary>
    public bool Ended { get; private set; }

    protected override TimeSpan RevalidationInterval { get; } = TimeSpan.FromSeconds(configuration.GetValue("Forlop:Web:SessionCheckSeconds", 5.0));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var db = target.CreateContext();
        var current = await LiveSessions.IsCurrentAsync(db, authenticationState.User, cancellationToken);
        Ended |= !current;
        return current;
    }
}
