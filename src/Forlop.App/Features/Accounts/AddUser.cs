using Forlop.Domain;
using Forlop.App.Data;
using Forlop.Domain.Access;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.Accounts;

/// <summary>Why a field of an account or API client cannot be stored: bokmål for the pages, English for the command line.</summary>
public sealed record AccountProblem(string Field, LocalizedText Reason);

/// <summary>
/// A local account to add, as the administrator's page and <c>forlop add-user</c> both describe it. <see cref="Role"/>
/// is the kebab-case name (coordinator, clinical-lead …); <see cref="SignsInElsewhere"/> leaves it without a password
/// (OpenID Connect only).
/// </summary>
public sealed record NewUser(string UserName, string DisplayName, string Role, string? Organisation, IReadOnlyList<string> Units, string? Password, bool SignsInElsewhere = false)
{
    public const int MinimumPasswordLength = 12;

    public static class Fields
    {
        public const string UserName = "userName";
        public const string DisplayName = "displayName";
        public const string Role = "role";
        public const string Organisation = "organisation";
        public const string Units = "units";
        public const string Password = "password";
    }
}

/// <summary>Adding a local account: one set of rules for the administrator's page and the command line.</summary>
public static class AddUser
{
    /// <summary>Every problem of the new account, each on its field; empty when it can be added.</summary>
    public static async Task<IReadOnlyList<AccountProblem>> CheckAsync(RegistryDb db, OrganisationDirectory organisations, NewUser user, CancellationToken ct)
    {
        var problems = new List<AccountProblem>();
        void Add(string field, string nb, string en) => problems.Add(new AccountProblem(field, new LocalizedText(nb, en)));

        var userName = user.UserName.Trim();
        if (userName.Length is 0 or > 64 || userName.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            Add(NewUser.Fields.UserName, "Brukernavnet må ha 1–64 tegn uten mellomrom", "the user name needs 1–64 characters without spaces");
        }
        else if (await db.Users.AnyAsync(u => u.UserName == userName, ct))
        {
            Add(NewUser.Fields.UserName, $"Brukernavnet {userName} finnes allerede", $"{userName} already exists");
        }
        if (string.IsNullOrWhiteSpace(user.DisplayName))
        {
            Add(NewUser.Fields.DisplayName, "Skriv navnet som skal vises", "the user needs a name to show");
        }
        if (RoleProblem(user.Role, string.IsNullOrWhiteSpace(user.Organisation) ? null : user.Organisation.Trim(), user.Units, organisations, out _) is { } roleProblem)
        {
            problems.Add(roleProblem);
        }
        if (!user.SignsInElsewhere && (user.Password is null || user.Password.Length < NewUser.MinimumPasswordLength))
        {
            Add(NewUser.Fields.Password, $"Passordet må ha minst {NewUser.MinimumPasswordLength} tegn",
                $"the password must have at least {NewUser.MinimumPasswordLength} characters");
        }
        return problems;
    }

    /// <summary>Adds the account when it passes <see cref="CheckAsync"/>; otherwise returns the problems and stores nothing.</summary>
    public static async Task<IReadOnlyList<AccountProblem>> RunAsync(RegistryDb db, OrganisationDirectory organisations, NewUser user, DateTime now, CancellationToken ct)
    {
        var problems = await CheckAsync(db, organisations, user, ct);
        if (problems.Count > 0)
        {
            return problems;
        }
        var organisation = string.IsNullOrWhiteSpace(user.Organisation) ? null : user.Organisation.Trim();
        RoleProblem(user.Role, organisation, user.Units, organisations, out var role);
        var actor = new Actor(user.UserName.Trim(), user.DisplayName.Trim(), role, organisation ?? "", user.Units);
        await LocalAccounts.AddAsync(db, actor, user.SignsInElsewhere ? null : user.Password, now, ct);
        return [];
    }

    /// <summary>Why a role, organisation and units do not fit together; null when they do.</summary>
    public static AccountProblem? RoleProblem(string roleText, string? organisation, IReadOnlyList<string> units, OrganisationDirectory organisations, out Role role)
    {
        AccountProblem Problem(string field, string nb, string en) => new(field, new LocalizedText(nb, en));

        if (!EnumNames.TryParse(roleText, out role) || role == Role.HospitalSystem)
        {
            return Problem(NewUser.Fields.Role, $"«{roleText}» er ikke en rolle: velg forløpskoordinator, klinisk leder, regional analytiker, nasjonal analytiker eller administrator",
                $"'{roleText}' is not a role (coordinator, clinical-lead, regional-analyst, national-analyst, administrator)");
        }
        if (role != Role.Coordinator && units.Count > 0)
        {
            // A clinical lead sees the whole HF (AccessPolicy); units would promise a limit that is not kept.
            return Problem(NewUser.Fields.Units, "Bare en forløpskoordinator kan begrenses til enheter", "only a coordinator is limited to units");
        }
        switch (role)
        {
            case Role.Coordinator or Role.ClinicalLead:
                if (organisation is null || organisations.Find(organisation) is not { Kind: OrganisationKind.Hf or OrganisationKind.Ideell })
                {
                    return Problem(NewUser.Fields.Organisation, "Velg helseforetaket (HF) eller det ideelle sykehuset brukeren hører til",
                        "a coordinator or clinical lead needs an HF or ideell hospital (--organisation)");
                }
                return units.FirstOrDefault(u => !string.Equals(organisations.HfOf(u)?.Code, organisation, StringComparison.Ordinal) || organisations.Find(u)?.Kind != OrganisationKind.Unit) is { } bad
                    ? Problem(NewUser.Fields.Units, $"{bad} er ikke en enhet i {organisation}", $"{bad} is not a unit of {organisation}")
                    : null;
            case Role.RegionalAnalyst:
                return organisation is null || organisations.Find(organisation) is not { Kind: OrganisationKind.Rhf }
                    ? Problem(NewUser.Fields.Organisation, "Velg det regionale helseforetaket (RHF) brukeren hører til", "a regional analyst needs an RHF (--organisation)")
                    : null;
            case Role.MunicipalityCoordinator:
                return organisation is null || ContactPoints.ContactPointDirectory.Municipalities.Find(organisation, TodayInOslo()) is null
                    ? Problem(NewUser.Fields.Organisation, "Velg kommunen (kommunenummer) brukeren hører til", "a municipality coordinator needs a municipality number in force (--organisation)")
                    : null;
            case Role.Administrator when organisation is not null:
                // An HF's administrator maintains its contact points (decision 0028); with no organisation, the installation's.
                return organisations.Find(organisation) is { Kind: OrganisationKind.Hf or OrganisationKind.Ideell } ? null
                    : Problem(NewUser.Fields.Organisation, "En administrator hører til et helseforetak (HF) eller ingen", "an administrator belongs to an HF or to none");
            default:
                return organisation is null ? null
                    : Problem(NewUser.Fields.Organisation, "Denne rollen ser hele landet og hører ikke til et helseforetak", $"a {roleText} sees the whole country and takes no organisation");
        }
    }

    private static NodaTime.LocalDate TodayInOslo() => NodaTime.SystemClock.Instance.GetCurrentInstant().InZone(Data.RegistryStore.Oslo).Date;
}
