using Forlop.Domain;
using Forlop.App.Data;
using Forlop.Domain.Access;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.Accounts;

/// <summary>
/// A user's access after a change, as <c>forlop set-user</c> and the administrator's "Endre tilgang" both describe it:
/// the role in kebab-case (coordinator, clinical-lead …), the HF or RHF, and the units a coordinator is limited to.
/// </summary>
public sealed record NewAccess(string UserName, string Role, string? Organisation, IReadOnlyList<string> Units);

/// <summary>A change of access that was stored, worded for the access log: what the user could see before and after.</summary>
public sealed record AccessChanged(string UserName, string Before, string After)
{
    public string LogText => $"changed access of user {UserName} from {Before} to {After}";
}

/// <summary>
/// Changing a user's role or scope: one set of rules for the administrator's page and the command line, the same
/// rules as adding her (<see cref="AddUser.RoleProblem"/>). Her sessions and open pages end within seconds, because
/// <see cref="LiveSessions.IsCurrentAsync"/> compares the access they signed in with against the users table.
/// </summary>
public static class ChangeAccess
{
    /// <summary>Stores the new access, or names why not (and stores nothing): never a silent no-op.</summary>
    public static async Task<(AccessChanged? Changed, AccountProblem? Problem)> RunAsync(RegistryDb db, OrganisationDirectory organisations, Administrator by,
        NewAccess access, CancellationToken ct)
    {
        var userName = access.UserName.Trim();
        if (string.Equals(by.User, userName, StringComparison.Ordinal))
        {
            // As with deactivation: the last administrator could otherwise take away her own way back.
            return (null, new AccountProblem(NewUser.Fields.Role, new("Du kan ikke endre din egen tilgang", "you cannot change your own access")));
        }
        var user = await db.Users.AsNoTracking().Where(u => u.UserName == userName)
            .Select(u => new { u.Role, u.Organisation, u.Units }).SingleOrDefaultAsync(ct);
        if (user is null)
        {
            return (null, new AccountProblem(NewUser.Fields.UserName, new($"Brukeren {userName} finnes ikke", $"there is no user {userName}")));
        }
        var organisation = string.IsNullOrWhiteSpace(access.Organisation) ? null : access.Organisation.Trim();
        if (AddUser.RoleProblem(access.Role, organisation, access.Units, organisations, out var role) is { } problem)
        {
            return (null, problem);
        }
        // Whoever may not give a role may not take it away either: both the new role and the one she has now are checked.
        var before = EnumNames.TryParse<Role>(user.Role, out var current) ? AddUser.GrantProblem(by, current) : null;
        if ((AddUser.GrantProblem(by, role) ?? before) is { } notHers)
        {
            return (null, notHers);
        }
        var roleText = EnumNames.Of(role);
        var units = string.Join(',', access.Units);
        if (string.Equals(user.Role, roleText, StringComparison.Ordinal) && string.Equals(user.Organisation, organisation ?? "", StringComparison.Ordinal)
            && string.Equals(user.Units, units, StringComparison.Ordinal))
        {
            return (null, new AccountProblem(NewUser.Fields.Role, new($"{userName} har allerede denne tilgangen", $"{userName} has this access already")));
        }
        await db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Role, roleText)
            .SetProperty(u => u.Organisation, organisation ?? "")
            .SetProperty(u => u.Units, units), ct);
        return (new AccessChanged(userName, Describe(user.Role, user.Organisation, ActorClaims.SplitUnits(user.Units)), Describe(roleText, organisation ?? "", access.Units)), null);
    }

    /// <summary>An access in the access log's words, as <c>add-user</c> writes it: "coordinator at OUS, units OUS-KIR".</summary>
    public static string Describe(string role, string organisation, IReadOnlyList<string> units) =>
        role + (organisation.Length > 0 ? " at " + organisation : "") + AccountCommands.UnitsText(units);
}
