namespace Forlop.Domain.Access;

/// <summary>What a signed-in user or API client may do. Stored and sent in kebab-case (coordinator, clinical-lead …).</summary>
public enum Role
{
    /// <summary>Forløpskoordinator: person data of her own HF, or of chosen units of it; registers events.</summary>
    Coordinator,
    /// <summary>Clinical lead of an HF: person data and figures of her own HF.</summary>
    ClinicalLead,
    /// <summary>Figures of her own RHF; no person data.</summary>
    RegionalAnalyst,
    /// <summary>All figures; no person data.</summary>
    NationalAnalyst,
    /// <summary>Users, catalogue, organisations and the access log; no pathway data of patients.</summary>
    Administrator,
    /// <summary>A hospital system calling the API with a token: person data of its own organisation.</summary>
    HospitalSystem,
    /// <summary>
    /// A municipality's Pakkeforløp hjem contact (kommunal koordinator): her municipality's contact point, and the needs
    /// assessments the hospitals handed on to it, of its own residents only. <c>Organisation</c> is the municipality number.
    /// </summary>
    MunicipalityCoordinator,
}
