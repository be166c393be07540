using Masthead.Testing;

namespace Masthead.Browser.Tests.Xss;

/// <summary>One demo site and Chromium for the corpus tests, with the corpus written into every staff-writable field once.</summary>
public sealed class XssCorpusSite : IAsyncLifetime
{
    private readonly BrowserSiteFixture _site = new();
    private NewsroomClient? _administrator;
    private XssCorpusWriter? _writer;

    public BrowserSiteFixture Site => _site;

    public NewsroomClient Administrator => _administrator ?? throw new InvalidOperationException("The site has not started.");

    public XssCorpusWriter Written => _writer ?? throw new InvalidOperationException("The corpus has not been written.");

    public async ValueTask InitializeAsync()
    {
        await _site.InitializeAsync();
        _administrator = await NewsroomClient.SignInAsync(_site.Server, DemoLogins.Administrator);
        _writer = new XssCorpusWriter(_site.Server, _administrator);
        await _writer.WriteAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _administrator?.Dispose();
        await _site.DisposeAsync();
    }
}
