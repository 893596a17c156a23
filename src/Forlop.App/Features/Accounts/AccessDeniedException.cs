namespace Forlop.App.Features.Accounts;

/// <summary>The caller may not see or change this; routes answer 403 and pages say so.</summary>
public sealed class AccessDeniedException(string reason) : Exception(reason);
