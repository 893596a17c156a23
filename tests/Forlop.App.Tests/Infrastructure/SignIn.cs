using System.Text.RegularExpressions;
using Forlop.App.Features.Accounts;

namespace Forlop.App.Tests.Infrastructure;

/// <summary>Signs a client in through the login form, as a browser does (antiforgery token included).</summary>
public static partial class SignIn
{
    public static async Task<HttpClient> AsAsync(Uri baseAddress, string userName, string password = LocalAccounts.DemoPassword)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = new HttpClient { BaseAddress = baseAddress };
        var page = await client.GetStringAsync(new Uri("/logg-inn", UriKind.Relative), ct);
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, "the login page has no antiforgery field");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = System.Net.WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["userName"] = userName,
            ["password"] = password,
            // Not the home page: a coordinator's home is her tracking list, whose patients would be logged as read.
            ["returnUrl"] = "/statistikk",
        });
        var response = await client.PostAsync(new Uri("/konto/logg-inn", UriKind.Relative), form, ct);
        Assert.DoesNotContain("feil=1", response.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        return client;
    }

    [GeneratedRegex("name=\"(?<name>__RequestVerificationToken)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
