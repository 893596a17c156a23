using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Forlop.App.Data;
using Forlop.Domain.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forlop.App.Features.Accounts;

/// <summary>
/// Hospital systems call the API with <c>Authorization: Bearer TOKEN</c>. A token belongs to one organisation
/// (an HF, or a unit of it) and gives the hospital-system role there. Only its SHA-256 is stored.
/// </summary>
public static class ApiTokens
{
    public const string Scheme = "ApiToken";

    /// <summary>Creates a client and returns its token, which is shown once and cannot be recovered.</summary>
    public static async Task<string> AddClientAsync(RegistryDb db, string name, string organisation, DateTime now, CancellationToken ct)
    {
        var token = "flp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        db.ApiClients.Add(new ApiClientEntity { Name = name, Organisation = organisation, TokenHash = Hash(token), CreatedAt = now });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return token;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, RegistryDb db)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                return AuthenticateResult.NoResult();
            }
            var hash = Hash(header["Bearer ".Length..].Trim());
            var client = await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.TokenHash == hash && c.RevokedAt == null, Context.RequestAborted);
            if (client is null)
            {
                return AuthenticateResult.Fail("unknown or revoked token");
            }
            var organisations = Context.RequestServices.GetRequiredService<Forlop.Domain.Organisations.OrganisationDirectory>();
            var hf = organisations.HfOf(client.Organisation)?.Code ?? client.Organisation;
            IReadOnlyList<string> units = string.Equals(hf, client.Organisation, StringComparison.Ordinal) ? [] : [client.Organisation];
            var actor = new Actor("api:" + client.Name, client.Name, Role.HospitalSystem, hf, units);
            return AuthenticateResult.Success(new AuthenticationTicket(ActorClaims.ToPrincipal(actor, ApiTokens.Scheme), ApiTokens.Scheme));
        }
    }
}
