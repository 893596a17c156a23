using Forlop.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Forlop.Browser.Tests.Features.Web;

/// <summary>A lost live connection is said, in the user's language, with the way back; it used to fail in silence.</summary>
public class ReconnectTests(BrowserApp app)
{
    [Fact]
    public async Task LostConnection_IsShownInNorwegian_ThenTheListIsLiveAgain()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("koordinator");
        await session.GotoInteractiveAsync("/sporingsliste");
        var notice = page.Locator("#components-reconnect-modal");
        await Expect(notice).ToBeHiddenAsync();

        // Offline, then Blazor's own hook for its reconnection tests drops the connection as a network failure would.
        await page.Context.SetOfflineAsync(true);
        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");

        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync("Forbindelsen til serveren er brutt.");
        await page.Context.SetOfflineAsync(false);
        await Expect(notice).ToBeHiddenAsync(new() { Timeout = 60_000 });
        await page.Locator("#tracking-search").FillAsync("00000000000");
        await Expect(page.Locator("#tracking-empty")).ToBeVisibleAsync();
    }
}
