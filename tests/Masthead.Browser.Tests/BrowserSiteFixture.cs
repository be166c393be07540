using Masthead.Testing;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>
/// One demo site and one Chromium for a whole test class. Each test opens its own context,
/// so tests share the browser process but no cookies or settings.
/// </summary>
public sealed class BrowserSiteFixture : IAsyncLifetime
{
    private MastheadServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IReadOnlyList<DemoPage>? _pages;

    public MastheadServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>The browser, once the test has made sure Chromium is installed.</summary>
    public IBrowser Browser
    {
        get
        {
            Chromium.Require();
            return _browser ?? throw new InvalidOperationException("Chromium did not start.");
        }
    }

    public async ValueTask InitializeAsync()
    {
        _server = await MastheadServer.StartAsync(demo: true);
        if (Chromium.IsInstalled)
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await Chromium.LaunchAsync(_playwright);
        }
    }

    /// <summary>A fresh context and page whose relative URLs resolve against the demo site.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = Server.BaseAddress.ToString();
        var context = await Browser.NewContextAsync(options);
        return await context.NewPageAsync();
    }

    /// <summary>The reader pages every check covers, found once per class.</summary>
    public async Task<DemoPage> PageAsync(string name)
    {
        _pages ??= await DemoPages.DiscoverAsync(Server);
        return _pages.Single(page => page.Name == name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
