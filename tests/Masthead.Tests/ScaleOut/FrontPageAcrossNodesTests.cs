using Masthead.Core.Articles;
using Masthead.Core.FrontPage;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ScaleOut;

/// <summary>An editor saves the front page on one node; readers of every node see it at once, not when a cache expires.</summary>
public sealed class FrontPageAcrossNodesTests : IAsyncLifetime
{
    private TwoNodes _nodes = null!;

    public async ValueTask InitializeAsync() => _nodes = await TwoNodes.StartAsync();

    public async ValueTask DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task The_lead_chosen_on_one_node_leads_the_front_page_the_other_node_had_cached()
    {
        var chosen = (await _nodes.B.InScopeAsync(services => services.GetRequiredService<ArticleQueries>().LatestAsync(ArticleFilter.All, 15)))[14];
        var before = await LeadOnBAsync();
        Assert.NotEqual(chosen.Headline, before);
        Assert.Equal(before, await LeadOnBAsync()); // B holds its front page and its curation in memory now

        await _nodes.A.InScopeAsync(async services =>
        {
            var editor = await services.GetRequiredService<MastheadDb>().Staff.SingleAsync(s => s.Slug == "anaya-kessler");
            await services.GetRequiredService<FrontPageService>().SaveAsync(new Actor(editor.Id, NewsroomRole.Editor, editor.Name),
                new FrontPageCuration([new CuratedStory(0, chosen.Id, null)], []));
        });

        await TwoNodes.EventuallyAsync(async () => await LeadOnBAsync() == chosen.Headline, "node B's front page leads with the chosen story");
    }

    private async Task<string> LeadOnBAsync() =>
        (await _nodes.B.GetDocumentAsync("/")).QuerySelector(".front-lead .story-headline")!.TextContent.Trim();
}
