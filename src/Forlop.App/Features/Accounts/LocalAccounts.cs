using Forlop.Domain;
using Forlop.App.Data;
using Forlop.Domain.Access;
using Forlop.Domain.Catalogue;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.Accounts;

/// <summary>A local account as the administrator's page lists it (never its password hash).</summary>
public sealed record AccountView(string UserName, string DisplayName, string Role, string Organisation, IReadOnlyList<string> Units, bool IsActive, bool HasPassword, DateTime CreatedAt);

/// <summary>
/// Local accounts: the embedded default signs in against the users table. Passwords are kept only as ASP.NET Core
/// Identity's PBKDF2 hashes. Production installations sign in through OpenID Connect instead (OidcSignIn).
/// </summary>
public static class LocalAccounts
{
    private static readonly PasswordHasher<UserEntity> Hasher = new();

    /// <summary>The demo password of every demo user (README.md lists them).</summary>
    public const string DemoPassword = "forlop-demo";

    /// <summary>One user per role, at Oslo universitetssykehus where a role has an HF, plus a coordinator in Bergen to show scoping.</summary>
    public static readonly IReadOnlyList<Actor> DemoUsers =
    [
        new("koordinator", "Kari Nordmann", Role.Coordinator, "OUS", []),
        new("leder", "Lars Berg", Role.ClinicalLead, "OUS", []),
        new("koordinator-bergen", "Bjørg Haugland", Role.Coordinator, "HB", []),
        new("analytiker-region", "Randi Sørli", Role.RegionalAnalyst, "HSO", []),
        new("analytiker-nasjonal", "Nils Aas", Role.NationalAnalyst, "", []),
        new("admin", "Ada Lund", Role.Administrator, "", []),
        // Issue 13: OUS's administrator keeps its contact points; Oslo's and Bergen's Pakkeforløp hjem coordinators.
        new("admin-ous", "Olav Dahl", Role.Administrator, "OUS", []),
        new("kommune-oslo", "Mona Strand", Role.MunicipalityCoordinator, "0301", []),
        new("kommune-bergen", "Siri Vik", Role.MunicipalityCoordinator, "4601", []),
    ];

    /// <summary>The actor of an active account whose password matches; null otherwise (the caller does not learn which).</summary>
    public static async Task<Actor?> VerifyAsync(RegistryDb db, string userName, string password, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName, ct);
        if (user is not { IsActive: true, PasswordHash: { } hash })
        {
            // Hash anyway so a missing account takes as long as a wrong password.
            Hasher.VerifyHashedPassword(new UserEntity { UserName = "", DisplayName = "", Role = "", Organisation = "", Units = "" }, DummyHash, password);
            return null;
        }
        return Hasher.VerifyHashedPassword(user, hash, password) == PasswordVerificationResult.Failed ? null : ToActor(user);
    }

    public static async Task<Actor?> FindAsync(RegistryDb db, string userName, CancellationToken ct) =>
        await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName && u.IsActive, ct) is { } user ? ToActor(user) : null;

    public static async Task AddAsync(RegistryDb db, Actor actor, string? password, DateTime now, CancellationToken ct)
    {
        var user = new UserEntity
        {
            UserName = actor.UserName,
            DisplayName = actor.DisplayName,
            Role = EnumNames.Of(actor.Role),
            Organisation = actor.Organisation,
            Units = string.Join(',', actor.Units),
            CreatedAt = now,
        };
        user.PasswordHash = password is null ? null : Hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Every local account, active or not, by user name.</summary>
    public static async Task<IReadOnlyList<AccountView>> ListAsync(RegistryDb db, CancellationToken ct) =>
        (await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct))
            .Select(u => new AccountView(u.UserName, u.DisplayName, u.Role, u.Organisation, ActorClaims.SplitUnits(u.Units), u.IsActive, u.PasswordHash is not null,
                DateTime.SpecifyKind(u.CreatedAt, DateTimeKind.Utc)))
            .ToList();

    /// <summary>
    /// Deactivates or reactivates an account; a deactivated user can no longer sign in, and a session she already has
    /// ends at its next request (<see cref="ValidateSessionAsync"/>). Accounts are never deleted: the access log names them.
    /// </summary>
    public static async Task<AccountProblem?> SetActiveAsync(RegistryDb db, string byUserName, string userName, bool active, CancellationToken ct)
    {
        if (!active && string.Equals(byUserName, userName, StringComparison.Ordinal))
        {
            // The last administrator could otherwise lock everyone out of the user administration.
            return new AccountProblem(NewUser.Fields.UserName, new("Du kan ikke deaktivere deg selv", "you cannot deactivate yourself"));
        }
        var changed = await db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, active), ct);
        return changed == 0 ? new AccountProblem(NewUser.Fields.UserName, new($"Brukeren {userName} finnes ikke", $"there is no user {userName}")) : null;
    }

    /// <summary>
    /// Ends a cookie session whose account was deactivated, removed, or given another role or scope since it signed
    /// in (<see cref="LiveSessions.IsCurrentAsync"/>); live pages are checked the same way by <see cref="LiveSessionCheck"/>.
    /// </summary>
    public static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal || ActorClaims.FromPrincipal(principal) is null)
        {
            return;
        }
        var db = context.HttpContext.RequestServices.GetRequiredService<RegistryDb>();
        if (!await LiveSessions.IsCurrentAsync(db, principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>Adds the demo users that are not there yet.</summary>
    public static async Task AddDemoUsersAsync(RegistryDb db, DateTime now, CancellationToken ct)
    {
        var existing = await db.Users.Select(u => u.UserName).ToListAsync(ct);
        foreach (var actor in DemoUsers.Where(d => !existing.Contains(d.UserName)))
        {
            await AddAsync(db, actor, DemoPassword, now, ct);
        }
    }

    public static Actor ToActor(UserEntity user) => new(
        user.UserName,
        user.DisplayName,
        EnumNames.TryParse<Role>(user.Role, out var role) ? role : throw new InvalidOperationException($"user {user.UserName} has an unknown role '{user.Role}'"),
        user.Organisation,
        ActorClaims.SplitUnits(user.Units));

    private static readonly string DummyHash = Hasher.HashPassword(new UserEntity { UserName = "", DisplayName = "", Role = "", Organisation = "", Units = "" }, Guid.NewGuid().ToString());
}
