using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Forlop.App.Data;
using Forlop.Domain.Access;
using Forlop.Domain.Organisations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forlop.App.Features.Accounts;

/// <summary>A hospital system as the administrator's page lists it.</summary>
public sealed record ApiClientView(long Id, string Name, string Organisation, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>
/// Hospital systems call the API with <c>Authorization: Bearer TOKEN</c>. A token belongs to one organisation
/// (an HF, or a unit of it) and gives the hospital-system role there. Only its SHA-256 is stored.
/// </summary>
public static class ApiTokens
{
    public const string Scheme = "ApiToken";

    public static class Fields
    {
        public const string Name = "name";
        public const string Organisation = "organisation";
    }

    /// <summary>Why a hospital system cannot be added with this name and organisation; empty when it can.</summary>
    public static IReadOnlyList<AccountProblem> Check(string name, string organisation, OrganisationDirectory organisations)
    {
        var problems = new List<AccountProblem>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 64)
        {
            problems.Add(new AccountProblem(Fields.Name, new("Skriv systemets navn (1–64 tegn)", "the hospital system needs a name of 1–64 characters")));
        }
        // A token is bound to an HF or one of its units; its role there is the hospital system's (AccessPolicy).
        if (organisations.HfOf(organisation.Trim()) is null)
        {
            problems.Add(new AccountProblem(Fields.Organisation, new($"«{organisation}» er ikke et helseforetak, ideelt sykehus eller en enhet",
                $"{organisation} is not a hospital trust, ideell hospital or unit")));
        }
        return problems;
    }

    /// <summary>Every hospital system, newest first; tokens themselves are never kept.</summary>
    public static async Task<IReadOnlyList<ApiClientView>> ListAsync(RegistryDb db, CancellationToken ct) =>
        (await db.ApiClients.AsNoTracking().OrderByDescending(c => c.Id).ToListAsync(ct))
            .Select(c => new ApiClientView(c.Id, c.Name, c.Organisation, DateTime.SpecifyKind(c.CreatedAt, DateTimeKind.Utc),
                c.RevokedAt is { } revoked ? DateTime.SpecifyKind(revoked, DateTimeKind.Utc) : null))
            .ToList();

    /// <summary>Creates a client and returns its token, which is shown once and cannot be recovered.</summary>
    public static async Task<string> AddClientAsync(RegistryDb db, string name, string organisation, DateTime now, CancellationToken ct)
    {
        var token = "flp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        db.ApiClients.Add(new ApiClientEntity { Name = name.Trim(), Organisation = organisation.Trim(), TokenHash = Hash(token), CreatedAt = now });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return token;
    }

    /// <summary>
    /// Revokes the client the administrator's page shows; its token gets 401 from the next request on. Refused, never
    /// silently ignored, when there is no such client or it is revoked already (the date it shows stays the first one).
    /// </summary>
    public static Task<AccountProblem?> RevokeAsync(RegistryDb db, long id, DateTime revokedAt, CancellationToken ct) =>
        RevokeAsync(db, db.ApiClients.Where(c => c.Id == id), id.ToString(CultureInfo.InvariantCulture), revokedAt, ct);

    /// <summary>Revokes every active token of the hospital system with this name (<c>forlop revoke-api-client NAME</c>).</summary>
    public static Task<AccountProblem?> RevokeAsync(RegistryDb db, string name, DateTime revokedAt, CancellationToken ct)
    {
        var trimmed = name.Trim();
        return RevokeAsync(db, db.ApiClients.Where(c => c.Name == trimmed), trimmed, revokedAt, ct);
    }

    private static async Task<AccountProblem?> RevokeAsync(RegistryDb db, IQueryable<ApiClientEntity> clients, string shown, DateTime revokedAt, CancellationToken ct)
    {
        // One conditional update: of two administrators revoking at once, the second is told it was revoked already.
        var revoked = await clients.Where(c => c.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, revokedAt), ct);
        if (revoked > 0)
        {
            return null;
        }
        return await clients.Select(c => c.Name).FirstOrDefaultAsync(ct) is { } name
            ? new AccountProblem(Fields.Name, new($"Systemet {name} er allerede trukket tilbake", $"the hospital system {name} is revoked already"))
            : new AccountProblem(Fields.Name, new($"Systemet {shown} finnes ikke", $"there is no hospital system {shown}"));
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
            var organisations = Context.RequestServices.GetRequiredService<OrganisationDirectory>();
            var hf = organisations.HfOf(client.Organisation)?.Code ?? client.Organisation;
            IReadOnlyList<string> units = string.Equals(hf, client.Organisation, StringComparison.Ordinal) ? [] : [client.Organisation];
            var actor = new Actor("api:" + client.Name, client.Name, Role.HospitalSystem, hf, units);
            return AuthenticateResult.Success(new AuthenticationTicket(ActorClaims.ToPrincipal(actor, ApiTokens.Scheme), ApiTokens.Scheme));
        }
    }
}
