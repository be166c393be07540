using Masthead.Testing;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>Full-page screenshots in TestResults/artifacts, for a person to look at after the run.</summary>
public static class Screenshots
{
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        var path = Path.Combine(TestEnvironment.ArtifactsDirectory, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {path}");
        return path;
    }
}
