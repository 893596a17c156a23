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
        // Wait for fonts and pending requests so the picture shows the finished page.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder.Value, name + ".png"), Animations = ScreenshotAnimations.Disabled });
    }
}
