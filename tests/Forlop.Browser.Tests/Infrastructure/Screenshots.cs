using Microsoft.Playwright;

namespace Forlop.Browser.Tests.Infrastructure;

/// <summary>
/// Screenshots of the main pages, saved by the tests that visit them into docs/screenshots/ of the checkout, where
/// README.md shows them. A run that changes a page changes its picture in the same commit.
/// </summary>
public static class Screenshots
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Forlop.slnx")))
        {
            directory = directory.Parent;
        }
        var folder = Path.Combine(directory?.FullName ?? throw new InvalidOperationException($"no Forlop.slnx above {AppContext.BaseDirectory}"), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    });

    public static async Task SaveAsync(IPage page, string name)
    {
        // Wait for the page, its pending requests and its fonts so the picture shows the finished page. A live page
        // keeps its circuit's connection open, and under CI load "network idle" may never come within the default
        // timeout: a picture is documentation, so a busy network shortens the wait but never fails the test.
        await page.WaitForLoadStateAsync(LoadState.Load);
        try
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
        }
        await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder.Value, name + ".png"), Animations = ScreenshotAnimations.Disabled });
    }
}
