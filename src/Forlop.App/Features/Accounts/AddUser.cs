using Forlop.Domain;
using Forlop.App.Data;
using Forlop.Domain.Access;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Municipalities;
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
    /// <summary>Every problem of the new account, each on its field, when <paramref name="by"/> adds it; empty when it can be added.</summary>
    public static async Task<IReadOnlyList<AccountProblem>> CheckAsync(RegistryDb db, OrganisationDirectory organisations, NewUser user, Administrator by, CancellationToken ct)
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
        if (RoleProblem(user.Role, string.IsNullOrWhiteSpace(user.Organisation) ? null : user.Organisation.Trim(), user.Units, organisations, out var role) is { } roleProblem)
        {
            problems.Add(roleProblem);
        }
        else if (GrantProblem(by, role) is { } grantProblem)
        {
            problems.Add(grantProblem);
        }
        if (!user.SignsInElsewhere && (user.Password is null || user.Password.Length < NewUser.MinimumPasswordLength))
        {
            Add(NewUser.Fields.Password, $"Passordet må ha minst {NewUser.MinimumPasswordLength} tegn",
                $"the password must have at least {NewUser.MinimumPasswordLength} characters");
        }
        return problems;
    }

    /// <summary>Adds the account when it passes <see cref="CheckAsync"/>; otherwise returns the problems and stores nothing.</summary>
    public static async Task<IReadOnlyList<AccountProblem>> RunAsync(RegistryDb db, OrganisationDirectory organisations, NewUser user, Administrator by, DateTime now,
        CancellationToken ct)
    {
        var problems = await CheckAsync(db, organisations, user, by, ct);
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
            return Problem(NewUser.Fields.Role,
                $"«{roleText}» er ikke en rolle: velg forløpskoordinator, klinisk leder, regional analytiker, nasjonal analytiker, administrator eller kommunal koordinator",
                $"'{roleText}' is not a role (coordinator, clinical-lead, regional-analyst, national-analyst, administrator, municipality-coordinator)");
        }
        if (role != Role.Coordinator && units.Count > 0)
        {
            // A clinical lead sees the whole HF (AccessPolicy); units would promise a limit that is not kept.
            return Problem(NewUser.Fields.Units, "Bare en forløpskoordinator kan begrenses til enheter", "only a coordinator is limited to units");
        }
        switch (role)
        {
            case Role.Coordinator or Role.ClinicalLead or Role.Administrator when organisation is not null && organisations.Find(organisation) is null
                                                                                 && MunicipalityInForce(organisation) is { } municipality:
                // A municipality's staff are municipality coordinators; no hospital role belongs to a municipality.
                return Problem(NewUser.Fields.Organisation,
                    $"{organisation} er et kommunenummer ({municipality.Name}), ikke et helseforetak: velg helseforetaket (HF) brukeren hører til, eller rollen kommunal koordinator",
                    $"{organisation} is a municipality ({municipality.Name}), not an HF: give the user's HF, or the role municipality-coordinator");
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
            case Role.MunicipalityCoordinator when organisation is not null && organisations.Find(organisation) is { } hospital:
                // The organisation of a municipality's coordinator is its four-digit number, never an HF, RHF or unit.
                return Problem(NewUser.Fields.Organisation,
                    $"{organisation} er {hospital.Name}, ikke en kommune: en kommunal koordinator hører til en kommune (kommunenummer med fire sifre)",
                    $"{organisation} is {hospital.Name}, not a municipality: a municipality coordinator belongs to a municipality (its four-digit number)");
            case Role.MunicipalityCoordinator:
                return organisation is null || MunicipalityInForce(organisation) is null
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

    /// <summary>
    /// Why <paramref name="by"/> may not give (or take away) this role; null when she may. A municipality coordinator's
    /// access is given only by the installation's administrator (one of no HF) or on the command line, which the
    /// installation's operator runs. Why not an HF's administrator, not even for the municipalities of her catchment area:
    /// a municipality's coordinator sees the Pakkeforløp hjem hand-overs of every HF to her municipality
    /// (AccessPolicy.MaySeeHandOver), which is more than any one HF's to give; the catchment area is no boundary, as the HF's
    /// administrator sets it herself (ContactPointDirectory.SetCatchmentAsync) and Oslo is served by several HFs; and the
    /// rules before this one already keep a municipality's affairs from an HF's administrator — its contact point
    /// (ContactPointDirectory.MayMaintainMunicipality) and its progress in the implementation tracker
    /// (ImplementationTracker.MayReport). For the other roles an HF's administrator keeps the rights of decision 0028.
    /// </summary>
    public static AccountProblem? GrantProblem(Administrator by, Role role) =>
        role == Role.MunicipalityCoordinator && by.Organisation.Length > 0
            ? new AccountProblem(NewUser.Fields.Role, new LocalizedText(
                "Bare administratoren for hele Forløp (ikke et helseforetaks administrator) kan gi eller endre tilgangen til en kommunal koordinator",
                "only the installation's administrator (not an HF's) gives or changes a municipality coordinator's access"))
            : null;

    /// <summary>The municipality of this number in force today, or null.</summary>
    public static Municipality? MunicipalityInForce(string number) => ContactPoints.ContactPointDirectory.Municipalities.Find(number, TodayInOslo());

    private static NodaTime.LocalDate TodayInOslo() => NodaTime.SystemClock.Instance.GetCurrentInstant().InZone(Data.RegistryStore.Oslo).Date;
}
