using Forlop.Domain;
using System.Security.Claims;
using Forlop.Domain.Access;
using Forlop.Domain.Catalogue;

namespace Forlop.App.Features.Accounts;

/// <summary>
/// OpenID Connect for production, configured under <c>Forlop:Oidc</c> only: a HelseID-style provider says who the
/// user is and which organisation (by organisation number) they act for; this maps those claims to an Actor.
/// Nothing is hard-coded to one provider: claim names and the organisation and role maps are settings.
/// </summary>
public sealed class OidcSettings : System.ComponentModel.DataAnnotations.IValidatableObject
{
    public const string Section = "Forlop:Oidc";

    /// <summary>
    /// Half a configuration (an authority without a client, or the reverse) or an authority that is not an absolute
    /// address would leave the sign-in broken in a way users meet first; refused when the host starts.
    /// </summary>
    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Authority) != string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new("Authority and ClientId are set together, or neither", [nameof(Authority), nameof(ClientId)]);
        }
        if (!string.IsNullOrWhiteSpace(Authority)
            && (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http")))
        {
            yield return new($"'{Authority}' is not an absolute http(s) address", [nameof(Authority)]);
        }
        foreach (var (claim, role) in Roles)
        {
            if (!EnumNames.TryParse<Role>(role, out var mapped) || mapped == Role.HospitalSystem)
            {
                yield return new($"'{role}' (for the claim value '{claim}') is not a role a person signs in with", [nameof(Roles)]);
            }
        }
    }

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
        if (!EnumNames.TryParse<Role>(roleText, out var role) || role == Role.HospitalSystem)
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
