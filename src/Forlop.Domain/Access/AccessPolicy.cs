using Forlop.Domain.Organisations;

namespace Forlop.Domain.Access;

/// <summary>
/// The one place that decides who may see what. Every page, API route, export and search that touches person data
/// asks <see cref="MayAccessPatientData"/>; every figure asks <see cref="MaySeeFiguresOf"/>.
/// </summary>
public static class AccessPolicy
{
    public static bool SeesPersonData(Role role) => role is Role.Coordinator or Role.ClinicalLead or Role.HospitalSystem;

    /// <summary>Whether the actor may read or change person data of an episode held by <paramref name="hf"/>, started at <paramref name="unit"/>.</summary>
    public static bool MayAccessPatientData(Actor actor, string hf, string unit)
    {
        if (!SeesPersonData(actor.Role) || !string.Equals(actor.Organisation, hf, StringComparison.Ordinal))
        {
            return false;
        }
        // A clinical lead sees the whole HF; a coordinator or system limited to units sees only theirs.
        return actor.Role == Role.ClinicalLead || actor.Units.Count == 0 || actor.Units.Contains(unit, StringComparer.Ordinal);
    }

    /// <summary>Whether the actor may register or correct an event sent in the name of <paramref name="organisation"/>.</summary>
    public static bool MayRegisterFor(Actor actor, string organisation, OrganisationDirectory organisations)
    {
        if (actor.Role is not (Role.Coordinator or Role.HospitalSystem))
        {
            return false;
        }
        var hf = organisations.HfOf(organisation)?.Code;
        return hf is not null && MayAccessPatientData(actor, hf, organisation);
    }

    /// <summary>
    /// Whether the actor may open the list of patients behind a figure of <paramref name="organisation"/> (an HF or a
    /// unit): she must see both its figures and every patient it counts, so a coordinator limited to units drills into
    /// her units only, never her whole HF. Hospital systems and analysts never do.
    /// </summary>
    public static bool MaySeePatientsBehindFiguresOf(Actor actor, string organisation, OrganisationDirectory organisations)
    {
        if (actor.Role is not (Role.Coordinator or Role.ClinicalLead) || !MaySeeFiguresOf(actor, organisation, organisations)
            || organisations.HfOf(organisation) is not { } hf)
        {
            return false;
        }
        return string.Equals(hf.Code, organisation, StringComparison.Ordinal)
            ? actor.Role == Role.ClinicalLead || actor.Units.Count == 0
            : MayAccessPatientData(actor, hf.Code, organisation);
    }

    /// <summary>
    /// Whether the actor may receive the monthly patient-level delivery of <paramref name="organisation"/> (an HF or an
    /// RHF), as NPR delivers to the regions: a national analyst any, a regional analyst her RHF and its HFs, a clinical
    /// lead or a coordinator of the whole HF her HF. A coordinator limited to units, a hospital system or an
    /// administrator none: a delivery holds the whole HF's patients.
    /// </summary>
    public static bool MayReceiveDeliveryOf(Actor actor, string organisation, OrganisationDirectory organisations) => actor.Role switch
    {
        Role.NationalAnalyst or Role.RegionalAnalyst => MaySeeFiguresOf(actor, organisation, organisations),
        Role.ClinicalLead => string.Equals(organisation, actor.Organisation, StringComparison.Ordinal),
        Role.Coordinator => actor.Units.Count == 0 && string.Equals(organisation, actor.Organisation, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Whether the actor may see (unsuppressed) figures of an organisation at any level; null means the nation.</summary>
    public static bool MaySeeFiguresOf(Actor actor, string? organisation, OrganisationDirectory organisations)
    {
        switch (actor.Role)
        {
            case Role.NationalAnalyst:
                return true;
            case Role.RegionalAnalyst:
                return organisation is not null
                    && string.Equals(organisations.RhfOf(organisation)?.Code, actor.Organisation, StringComparison.Ordinal);
            case Role.ClinicalLead:
            case Role.Coordinator:
                return organisation is not null
                    && string.Equals(organisations.HfOf(organisation)?.Code, actor.Organisation, StringComparison.Ordinal);
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether the actor may read a Pakkeforløp hjem hand-over of an episode held by <paramref name="hf"/> at
    /// <paramref name="unit"/> to <paramref name="municipality"/>: the hospital as for the episode's person data, the
    /// municipality's own coordinator for the residents handed on to her municipality, and nobody else.
    /// </summary>
    public static bool MaySeeHandOver(Actor actor, string hf, string unit, string municipality) =>
        actor.Role == Role.MunicipalityCoordinator
            ? string.Equals(actor.Organisation, municipality, StringComparison.Ordinal)
            : MayAccessPatientData(actor, hf, unit);
}
