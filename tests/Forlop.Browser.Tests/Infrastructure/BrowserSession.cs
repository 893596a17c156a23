using Forlop.App.Features.Accounts;
using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Forlop.Browser.Tests.Infrastructure;

/// <summary>
/// One browser context (its own cookies: not signed in, Norwegian) with one page. Records what the page reports as
/// errors (console errors, uncaught exceptions, a Blazor circuit that fails) so a test can require there were none.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _errors = new();

    private BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            // A 404 the test asked for is reported as a failed resource; everything else is a fault of the page.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource: the server responded with a status of 404", StringComparison.Ordinal))
            {
                _errors.Enqueue($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => _errors.Enqueue($"page: {error}");
    }

    public IPage Page { get; }

    /// <summary>The errors the page reported so far.</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>
    /// Opens an interactive page and waits until its live connection has taken over from the server's first rendering
    /// (the layout marks it), so that what the test types next is not replaced by the live page's first rendering.
    /// </summary>
    public async Task GotoInteractiveAsync(string url)
    {
        await Page.GotoAsync(url);
        await WaitUntilInteractiveAsync();
    }

    public Task WaitUntilInteractiveAsync() => Page.Locator("main[data-interactive='true']").WaitForAsync();

    /// <summary>Signs in through the login page with a demo user's password and waits for the home page.</summary>
    public async Task SignInAsync(string userName, string password = LocalAccounts.DemoPassword)
    {
        await Page.GotoAsync("/logg-inn");
        await Page.Locator("#userName").FillAsync(userName);
        await Page.Locator("#password").FillAsync(password);
        await Page.Locator("#sign-in").ClickAsync();
        await Page.Locator("#signed-in-user").WaitForAsync();
    }

    public static async Task<BrowserSession> OpenAsync(IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new() { Width = 1280, Height = 800 },
            TimezoneId = "Europe/Oslo",
        });
        // Playwright's own default: CI runs the three test projects side by side on two cores, where a first Blazor page
        // took more than 15 s at times (a dashboard test timed out at load average 30).
        context.SetDefaultTimeout(30_000);
        // Expect(…) waits 5 s by default; rows that come over the live connection took longer on the loaded machine.
        Assertions.SetDefaultExpectTimeout(30_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    public ValueTask DisposeAsync() => _context.DisposeAsync();
}
