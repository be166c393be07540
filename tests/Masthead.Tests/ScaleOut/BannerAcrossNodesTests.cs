using Masthead.Core.Banner;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ScaleOut;

/// <summary>A banner raised or lowered on one node is on, or off, every page of the other at once: cached and open ones.</summary>
public sealed class BannerAcrossNodesTests : IAsyncLifetime
{
    private TwoNodes _nodes = null!;

    public async ValueTask InitializeAsync() => _nodes = await TwoNodes.StartAsync();

    public async ValueTask DisposeAsync() => await _nodes.DisposeAsync();

    private static Task<Actor> EditorAsync(MastheadServer node) => node.InScopeAsync(async services =>
    {
        var editor = await services.GetRequiredService<MastheadDb>().Staff.SingleAsync(s => s.Slug == "anaya-kessler");
        return new Actor(editor.Id, NewsroomRole.Editor, editor.Name);
    });

    private static async Task<string?> BannerTextAsync(MastheadServer node, string path) =>
        (await node.GetDocumentAsync(path)).QuerySelector(".site-banner .site-banner-text")?.TextContent;

    [Fact]
    public async Task A_banner_raised_on_one_node_reaches_the_other_nodes_cached_pages_and_open_streams_and_so_does_lowering_it()
    {
        var (_, article) = await _nodes.A.ArticleAsync("mill-reopening");
        Assert.Null(await BannerTextAsync(_nodes.B, "/"));
        Assert.Null(await BannerTextAsync(_nodes.B, article)); // both cached on node B now
        await using var onB = await SseReader.OpenAsync(_nodes.B.Client, "/site/live?banner=0");
        var editor = await EditorAsync(_nodes.A);

        var id = await _nodes.A.InScopeAsync(services => services.GetRequiredService<BannerService>()
            .RaiseAsync(editor, new BannerInput("BREAKING", "Bridge closed after the storm", null, null)));

        var up = await onB.NextAsync();
        Assert.Equal(("banner", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (up!.Type, up.Id));
        Assert.Equal("Bridge closed after the storm", await BannerTextAsync(_nodes.B, "/"));
        Assert.Equal("Bridge closed after the storm", await BannerTextAsync(_nodes.B, article));

        await _nodes.A.InScopeAsync(services => services.GetRequiredService<BannerService>().LowerAsync(editor));

        Assert.Equal("lowered", (await onB.NextAsync())!.Type);
        Assert.Null(await BannerTextAsync(_nodes.B, "/"));
        Assert.Null(await BannerTextAsync(_nodes.B, article));
    }
}
