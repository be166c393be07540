using Masthead.Testing;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>Debian's Chromium, driven by Playwright. Never `playwright install`: nothing can be downloaded.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>Skips the test (fails it under MASTHEAD_TEST_REQUIRE_ALL=1) when Chromium is missing.</summary>
    public static void Require() => TestEnvironment.Require(
        IsInstalled,
        $"Chromium is not installed at {ExecutablePath}: run `apt-get install chromium` (.ci/run does).");

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        // Expectations wait for what a person would see; with the whole suite on two cores a page can take longer
        // than Playwright's 5 s default to get there (a passkey ceremony hashes a password and signs a challenge).
        Assertions.SetDefaultExpectTimeout(15_000);
        return playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
    }
}
