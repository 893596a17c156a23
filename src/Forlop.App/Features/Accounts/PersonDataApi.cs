namespace Forlop.App.Features.Accounts;

/// <summary>The route group every person-data API route lives in: signed in with a person-data role, each refusal a problem detail its handler returns (Outcome).</summary>
public static class PersonDataApi
{
    public static RouteGroupBuilder MapPersonDataApi(this WebApplication app) =>
        app.MapGroup("/api/v1")
            .RequireAuthorization(AccountsSetup.PersonDataPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
