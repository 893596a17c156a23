using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Serve;
using Forlop.App.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Forlop.App.Tests.Features.Operations;

/// <summary>
/// The host's settings are plain classes checked when it is built (CheckedSettings): a value it cannot honour stops the
/// start with the key and the reason; good values are bound once and the same instance serves every feature.
/// </summary>
public class SettingsAtStartTests
{
    [Theory]
    [InlineData("Forlop:SignIn:FailuresBeforeLockout", "0", "Forlop:SignIn:FailuresBeforeLockout")]
    [InlineData("Forlop:SignIn:LockoutMinutes", "-5", "Forlop:SignIn:LockoutMinutes")]
    [InlineData("Forlop:SignIn:PerAddressPerMinute", "0", "Forlop:SignIn:PerAddressPerMinute")]
    [InlineData("Forlop:Oidc:Authority", "login.example.no", "Forlop:Oidc:Authority, ClientId")]
    [InlineData("Forlop:Oidc:Roles:lege", "hospital-system", "Forlop:Oidc:Roles")]
    public async Task ValueTheHostCannotHonour_StopsTheStart_NamingTheKey(string key, string value, string named)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            WebHost.BuildAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), "http://127.0.0.1:0", settings: new Dictionary<string, string?> { [key] = value }, ct: ct));

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoodValues_AreBoundOnce_AndServeEveryFeature()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct);
        var settings = new Dictionary<string, string?>
        {
            ["Forlop:SignIn:FailuresBeforeLockout"] = "7",
            ["Forlop:Oidc:Authority"] = "https://helseid-sts.test.nhn.no",
            ["Forlop:Oidc:ClientId"] = "forlop",
            ["Forlop:Oidc:Roles:koordinator"] = "coordinator",
        };

        await using var app = await WebHost.BuildAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), "http://127.0.0.1:0", settings: settings, ct: ct);

        Assert.Equal(7, app.Services.GetRequiredService<SignInLimits>().FailuresBeforeLockout);
        var oidc = app.Services.GetRequiredService<OidcSettings>();
        Assert.True(oidc.IsConfigured);
        Assert.Equal("coordinator", oidc.Roles["koordinator"]);
        Assert.Single(app.Services.GetServices<Forlop.App.Features.Web.WebSecuritySettings>());
    }
}

/// <summary>
/// <c>forlop serve</c> reads its settings from the environment, which the whole test process shares: run alone, so
/// no other test's host starts with the bad value.
/// </summary>
[Collection(AloneInTheProcess.Name)]
public class ServeWithABadSettingTests
{
    [Fact]
    public async Task Serve_WithABadSetting_EndsWithExitOneAndTheReason()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct);
        Environment.SetEnvironmentVariable("Forlop__SignIn__FailuresBeforeLockout", "0");
        try
        {
            var run = await Cli.RunAsync("serve", "--db", db, "--urls", "http://127.0.0.1:0");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("Forlop:SignIn:FailuresBeforeLockout", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Forlop__SignIn__FailuresBeforeLockout", null);
        }
    }
}
