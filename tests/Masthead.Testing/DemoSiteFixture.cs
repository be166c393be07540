using Xunit.Sdk;

namespace Masthead.Testing;

/// <summary>One server with the demo publication for a whole test class.</summary>
public sealed class DemoSiteFixture : IAsyncLifetime
{
    private MastheadServer? _server;
    private SkipException? _skipped;

    /// <summary>The server; when its database is not available here, each test that asks for it is skipped, not failed.</summary>
    public MastheadServer Server => _server ?? throw (_skipped as Exception ?? new InvalidOperationException("The server has not started."));

    public async ValueTask InitializeAsync()
    {
        try
        {
            _server = await MastheadServer.StartAsync(demo: true);
        }
        catch (SkipException skip)
        {
            _skipped = skip;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
