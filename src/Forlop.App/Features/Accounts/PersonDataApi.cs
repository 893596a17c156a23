namespace Forlop.App.Features.Accounts;

/// <summary>The route group every person-data API route lives in: signed in with a person-data role, refusals as problem details.</summary>
public static class PersonDataApi
{
    public static RouteGroupBuilder MapPersonDataApi(this WebApplication app) =>
        app.MapGroup("/api/v1")
            .RequireAuthorization(AccountsSetup.PersonDataPolicy)
            .AddEndpointFilter(async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (AccessDeniedException denied)
                {
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "No access", detail: denied.Message);
                }
            })
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
