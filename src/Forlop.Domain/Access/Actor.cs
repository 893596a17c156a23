namespace Forlop.Domain.Access;

/// <summary>
/// Who is asking: a signed-in user or an API client, with the role and the organisation that bound what they see.
/// <see cref="Organisation"/> is an HF for person-data roles, an RHF for a regional analyst and empty for national
/// roles. <see cref="Units"/>, when not empty, narrows a coordinator or hospital system to those units of the HF.
/// </summary>
public sealed record Actor(string UserName, string DisplayName, Role Role, string Organisation, IReadOnlyList<string> Units)
{
    public bool SeesPersonData => AccessPolicy.SeesPersonData(Role);
}
