namespace Masthead.Testing;

/// <summary>One server with the demo publication for a whole test class.</summary>
public sealed class DemoSiteFixture : IAsyncLifetime
{
    private MastheadServer? _server;

    public MastheadServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async ValueTask InitializeAsync() => _server = await MastheadServer.StartAsync(demo: true);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
