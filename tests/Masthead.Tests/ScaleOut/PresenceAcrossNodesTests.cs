using Masthead.Testing;
using Masthead.Tests.Newsroom;

namespace Masthead.Tests.ScaleOut;

/// <summary>Two people editing one article on two nodes see each other, over Redis, and see each other leave.</summary>
public sealed class PresenceAcrossNodesTests : IAsyncLifetime
{
    private TwoNodes _nodes = null!;

    public async ValueTask InitializeAsync() => _nodes = await TwoNodes.StartAsync();

    public async ValueTask DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task Editors_on_two_nodes_see_each_other_and_see_the_other_leave()
    {
        using var tobias = await NewsroomClient.SignInAsync(_nodes.A, DemoLogins.Reporter);
        using var anaya = await NewsroomClient.SignInAsync(_nodes.B, DemoLogins.Editor);
        var id = await tobias.WriteAsync("Harbour festival moves to August");

        await using var onA = await PresenceTests.OpenAsync(tobias, id);
        Assert.Empty(await PresenceTests.NextPresenceAsync(onA));
        await using (var onB = await PresenceTests.OpenAsync(anaya, id))
        {
            // Node B may open before node A's announcement of Tobias arrives; it then follows within a moment.
            var seenOnB = await PresenceTests.NextPresenceAsync(onB);
            if (seenOnB.Count == 0)
            {
                seenOnB = await PresenceTests.NextPresenceAsync(onB);
            }

            Assert.Equal(["Tobias Wren"], seenOnB);
            Assert.Equal(["Anaya Kessler"], await PresenceTests.NextPresenceAsync(onA));
        }

        Assert.Empty(await PresenceTests.NextPresenceAsync(onA));
    }
}
