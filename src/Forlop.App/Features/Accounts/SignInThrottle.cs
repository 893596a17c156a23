using Forlop.App.Hosting;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Forlop.App.Features.AccessLog;
using Forlop.Domain.AccessLog;
using NodaTime;

namespace Forlop.App.Features.Accounts;

/// <summary>Limits of sign-in attempts: <c>Forlop:SignIn:*</c> in configuration.</summary>
public sealed class SignInLimits
{
    public const string Section = "Forlop:SignIn";

    /// <summary>Failed attempts in a row on one account before it is locked.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000, ErrorMessage = "must be from 1 to 1000 failures")]
    public int FailuresBeforeLockout { get; set; } = 5;

    /// <summary>How long a locked account refuses even the right password.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 24 * 60, ErrorMessage = "must be from 1 to 1440 minutes")]
    public int LockoutMinutes { get; set; } = 5;

    /// <summary>Sign-in posts from one address per minute (a hospital's NAT hides many users behind one address; the load test signs 200 users in from one).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000, ErrorMessage = "must be 1 or more posts a minute")]
    public int PerAddressPerMinute { get; set; } = 60;
}

/// <summary>
/// Brute-force protection for the login form (ASVS V2.2.1): ASP.NET Core's rate limiter caps the posts per address,
/// and a failure counter per account name locks it for a while after repeated wrong passwords, whether the account
/// exists or not (so a lockout says nothing about which names exist). Each lockout is logged, in the server's log and
/// in the access log. Counters are kept in memory: one server process, as the embedded default and SQLite imply.
/// </summary>
public sealed class SignInThrottle(SignInLimits limits, IClock clock, AccessLogWriter log, ILogger<SignInThrottle> logger)
{
    public const string AddressPolicy = "sign-in-per-address";

    /// <summary>The login page's <c>?feil=</c> for a locked account.</summary>
    public const string LockedMarker = "sperret";

    private readonly ConcurrentDictionary<string, Failures> _accounts = new(StringComparer.OrdinalIgnoreCase);

    private sealed record Failures(int Count, Instant? LockedUntil);

    public bool IsLocked(string userName) =>
        _accounts.TryGetValue(userName, out var f) && f.LockedUntil is { } until && until > clock.GetCurrentInstant();

    public void Succeeded(string userName) => _accounts.TryRemove(userName, out _);

    /// <summary>Counts a failure; locks the account (and logs it) when this one reaches the limit.</summary>
    public async Task FailedAsync(string userName, string from, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var after = _accounts.AddOrUpdate(userName, _ => new Failures(1, null), (_, f) => f.LockedUntil is { } until && until <= now
            ? new Failures(1, null) // the last lockout has run out: count afresh
            : new Failures(f.Count + 1, f.LockedUntil));
        if (after.Count == limits.FailuresBeforeLockout && after.LockedUntil is null)
        {
            var until = now + Duration.FromMinutes(limits.LockoutMinutes);
            _accounts[userName] = after with { LockedUntil = until };
            var what = string.Create(CultureInfo.InvariantCulture, $"sign-in locked for {limits.LockoutMinutes} minutes after {after.Count} failed attempts");
            logger.LogWarning("Account {UserName} locked until {Until} after {Count} failed sign-ins from {From}", userName, until, after.Count, from);
            // The name is whatever was typed: cut to the log's column, as no account has a longer one.
            await log.AppendAsync(new AccessEntry(now, userName.Length > 128 ? userName[..128] : userName, "", "", "", AccessKind.Lockout, what, from), ct);
        }
    }

    public static void AddSignInThrottle(WebApplicationBuilder builder)
    {
        var limits = builder.Settings<SignInLimits>(SignInLimits.Section);
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AddressPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PerAddressPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = (context, _) =>
            {
                var from = context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                context.HttpContext.RequestServices.GetRequiredService<ILogger<SignInThrottle>>()
                    .LogWarning("Sign-in posts from {From} throttled: more than {Limit} a minute", from, limits.PerAddressPerMinute);
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
        });
    }
}
