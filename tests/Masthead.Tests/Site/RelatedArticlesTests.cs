using AngleSharp.Dom;
using Masthead.Core.Articles;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Site;

/// <summary>The related articles at the end of an article: same tags and section, recent, never itself, only published.</summary>
public sealed class RelatedArticlesTests : IAsyncLifetime
{
    private const string Slug = "mill-reopening";
    private MastheadServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await MastheadServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static List<string> RelatedOn(IDocument page) =>
        [.. page.QuerySelectorAll(".related li a").Select(a => a.GetAttribute("href")!)];

    /// <summary>The section id and tag ids of the published article at <paramref name="path"/>.</summary>
    private Task<(int? Section, List<int> Tags, ArticleStatus Status)> PlacesAsync(string path) => _server.InScopeAsync(async services =>
    {
        var slug = path.Split('/')[^1];
        var article = await services.GetRequiredService<MastheadDb>().Articles.AsNoTracking().Include(a => a.Tags).SingleAsync(a => a.Slug == slug);
        return (article.SectionId, article.Tags.Select(t => t.TagId).ToList(), article.Status);
    });

    [Fact]
    public async Task Related_articles_share_its_tags_or_section_most_shared_first_and_never_include_itself()
    {
        var (_, path) = await _server.ArticleAsync(Slug);
        var (section, tags, _) = await PlacesAsync(path);

        var related = RelatedOn(await _server.GetDocumentAsync(path));

        Assert.Equal(4, related.Count);
        Assert.DoesNotContain(path, related);
        var scores = new List<int>();
        foreach (var other in related)
        {
            var (otherSection, otherTags, status) = await PlacesAsync(other);
            Assert.Equal(ArticleStatus.Published, status);
            var score = otherTags.Intersect(tags).Count() * 2 + (otherSection == section ? 1 : 0);
            Assert.True(score > 0, $"{other} shares neither a tag nor the section with {path}.");
            scores.Add(score);
        }

        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task A_related_article_unpublished_leaves_the_cached_page_and_a_new_one_sharing_its_tags_joins_it_first()
    {
        var (id, path) = await _server.ArticleAsync(Slug);
        var before = RelatedOn(await _server.GetDocumentAsync(path)); // now cached
        var (section, tags, _) = await PlacesAsync(path);
        var (goneId, _) = await _server.ArticleAsync(before[0].Split('/')[^1]);

        await _server.InScopeAsync(services => services.GetRequiredService<PublishingService>().UnpublishAsync(Actor.System, goneId));
        var afterUnpublishing = RelatedOn(await _server.GetDocumentAsync(path));
        var newPath = await _server.InScopeAsync(async services =>
        {
            var staff = await services.GetRequiredService<MastheadDb>().Staff.Select(s => s.Id).FirstAsync();
            var newId = await services.GetRequiredService<ArticleService>().CreateAsync(Actor.System, new ArticleInput
            {
                Headline = "Ferrin Cellworks names its first plant manager",
                BodyMarkdown = "A first paragraph.",
                SectionId = section,
                TagIds = tags,
                AuthorIds = [staff],
            });
            await services.GetRequiredService<PublishingService>().PublishAsync(Actor.System, newId);
            var created = await services.GetRequiredService<MastheadDb>().Articles.AsNoTracking().SingleAsync(a => a.Id == newId);
            return ArticleUrls.PathFor(created.UrlDate!.Value, created.Slug);
        });
        var afterPublishing = RelatedOn(await _server.GetDocumentAsync(path));

        Assert.DoesNotContain(before[0], afterUnpublishing);
        Assert.Equal(before.Skip(1), afterUnpublishing.Take(before.Count - 1));
        Assert.Equal(newPath, afterPublishing[0]);
        Assert.DoesNotContain(path, afterPublishing);
        Assert.NotEqual(id, goneId);
    }
}
