using Masthead.Testing;

namespace Masthead.Browser.Tests;

/// <summary>A reader page of the demo publication: a short name for test output, its path and the status it answers with.</summary>
public sealed record DemoPage(string Name, string Path, int Status = 200)
{
    public override string ToString() => $"{Name} ({Path})";
}

/// <summary>
/// The reader pages that the accessibility and HTML checks cover. Article and tag URLs carry the
/// seeding date, so they are found by following links, as a reader would.
/// </summary>
public static class DemoPages
{
    public static readonly TheoryData<string> Names =
        ["front", "article", "story", "section", "tag", "author", "staff", "contact", "search", "search-refused", "not-found"];

    public static async Task<IReadOnlyList<DemoPage>> DiscoverAsync(MastheadServer server)
    {
        var front = await server.GetDocumentAsync("/");
        var articlePath = front.QuerySelector(".front-lead .story-headline a")?.GetAttribute("href")
            ?? throw new InvalidOperationException("The front page has no lead story link.");
        var article = await server.GetDocumentAsync(articlePath);
        var tagPath = article.QuerySelector("a[rel=tag]")?.GetAttribute("href")
            ?? throw new InvalidOperationException($"The article {articlePath} links to no tag.");
        // The lead is the demo's developing story; an ordinary article has no live updates.
        var storyPath = (await server.GetDocumentAsync("/section/business")).QuerySelectorAll(".story-headline a")
            .Select(a => a.GetAttribute("href")!).First(path => path != articlePath);

        return
        [
            new("front", "/"),
            new("article", articlePath),
            new("story", storyPath),
            new("section", "/section/politics"),
            new("tag", tagPath),
            new("author", "/author/delphine-marrow"),
            new("staff", "/staff"),
            new("contact", "/contact"),
            new("search", "/search?q=council+budget"),
            new("search-refused", "/search?q=%22city+hall", Status: 400),
            new("not-found", "/no-such-page/anywhere", Status: 404),
        ];
    }
}
