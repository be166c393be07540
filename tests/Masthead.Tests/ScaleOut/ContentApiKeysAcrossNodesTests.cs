using System.Net;
using Masthead.Core.ContentApi;
using Masthead.Core.Publishing;
using Masthead.Tests.ContentApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.ScaleOut;

/// <summary>A key revoked on one node stops working on every node at once, not when the others' cached check expires.</summary>
public sealed class ContentApiKeysAcrossNodesTests : IAsyncLifetime
{
    // Stands still, so the other node's cached "valid" never expires by itself: only the revocation can end it.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TwoNodes _nodes = null!;

    public async ValueTask InitializeAsync() => _nodes = await TwoNodes.StartAsync(services => services.AddSingleton<TimeProvider>(_clock));

    public async ValueTask DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task A_key_revoked_on_one_node_is_refused_by_the_other()
    {
        var onA = await ContentApiClient.WithNewKeyAsync(_nodes.A, "Revoked across nodes");
        var onB = new ContentApiClient(_nodes.B, onA.Key);
        await onB.GetAsync("settings/"); // node B has checked the key and remembers it as valid

        await _nodes.A.InScopeAsync(services => services.GetRequiredService<ContentApiKeyService>().RevokeAsync(Actor.System, onA.Key));

        await TwoNodes.EventuallyAsync(async () =>
        {
            using var response = await onB.SendAsync("settings/");
            return response.StatusCode == HttpStatusCode.Unauthorized;
        }, "node B refuses the revoked key");
    }
}
