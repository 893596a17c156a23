using System.Security.Claims;
using Forlop.Domain.Access;
using Forlop.Domain.Catalogue;

namespace Forlop.App.Features.Accounts;

/// <summary>
/// OpenID Connect for production, configured under <c>Forlop:Oidc</c> only: a HelseID-style provider says who the
/// user is and which organisation (by organisation number) they act for; this maps those claims to an Actor.
/// Nothing is hard-coded to one provider: claim names and the organisation and role maps are settings.
/// </summary>
public sealed class OidcSettings
{
    public const string Section = "Forlop:Oidc";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public List<string> Scopes { get; set; } = ["openid", "profile"];
    public string UserNameClaim { get; set; } = "sub";
    public string NameClaim { get; set; } = "name";
    /// <summary>HelseID puts the legal entity's organisation number here.</summary>
    public string OrganisationClaim { get; set; } = "helseid://claims/client/claims/orgnr_parent";
    /// <summary>Optional: the sub-unit's organisation number (HelseID's orgnr_child), mapped to a unit code.</summary>
    public string UnitClaim { get; set; } = "helseid://claims/client/claims/orgnr_child";
    public string RoleClaim { get; set; } = "forlop_role";
    /// <summary>Organisation number → Forløp organisation code (HF, RHF or unit).</summary>
    public Dictionary<string, string> Organisations { get; set; } = [];
    /// <summary>Value of the role claim → Forløp role (kebab-case, e.g. coordinator).</summary>
    public Dictionary<string, string> Roles { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

public static class OidcSignIn
{
    /// <summary>The actor the provider's claims describe, or why they do not describe one Forløp can let in.</summary>
    public static (Actor? Actor, string? Problem) MapClaims(IReadOnlyCollection<Claim> claims, OidcSettings settings)
    {
        string? Value(string type) => claims.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.Ordinal))?.Value;

        if (Value(settings.UserNameClaim) is not { Length: > 0 } userName)
        {
            return (null, $"the identity has no '{settings.UserNameClaim}' claim");
        }
        var roleValue = Value(settings.RoleClaim);
        if (roleValue is null)
        {
            return (null, $"the identity has no '{settings.RoleClaim}' claim, so its role in Forløp is unknown");
        }
        var roleText = settings.Roles.GetValueOrDefault(roleValue, roleValue);
        if (!PathwayFileParser.TryParseEnum<Role>(roleText, out var role) || role == Role.HospitalSystem)
        {
            return (null, $"'{roleValue}' is not a Forløp role for people");
        }
        var organisation = "";
        if (role is not (Role.NationalAnalyst or Role.Administrator))
        {
            var number = Value(settings.OrganisationClaim);
            if (number is null || !settings.Organisations.TryGetValue(number, out var code))
            {
                return (null, number is null
                    ? $"the identity has no '{settings.OrganisationClaim}' claim"
                    : $"organisation number {number} is not mapped to a Forløp organisation (Forlop:Oidc:Organisations)");
            }
            organisation = code;
        }
        IReadOnlyList<string> units = [];
        if (role == Role.Coordinator && Value(settings.UnitClaim) is { } unitNumber && settings.Organisations.TryGetValue(unitNumber, out var unit)
            && !string.Equals(unit, organisation, StringComparison.Ordinal))
        {
            units = [unit];
        }
        return (new Actor(userName, Value(settings.NameClaim) ?? userName, role, organisation, units), null);
    }
}
