using AngleSharp.Dom;
using Masthead.Core.Sections;
using Masthead.Core.Tags;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>The newsroom's lists of sections, tags and pages are searched and sorted by their address, without JavaScript.</summary>
public sealed class DeskListSearchTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task Sections_are_listed_in_menu_order_and_sort_by_name_or_articles_and_filter_by_name()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var counted = await Server.InScopeAsync(s => s.GetRequiredService<SectionService>().ListWithCountsAsync());

        Assert.Equal(["World", "Politics", "Business", "Culture"], Names(await editor.GetDocumentAsync("/newsroom/sections"), "sections"));
        Assert.Equal(["Business", "Culture", "Politics", "World"], Names(await editor.GetDocumentAsync("/newsroom/sections?ss=name"), "sections"));
        var byArticles = await editor.GetDocumentAsync("/newsroom/sections?ss=articles");
        Assert.Equal(counted.OrderByDescending(s => s.Articles).ThenBy(s => s.Section.Name).Select(s => s.Section.Name), Names(byArticles, "sections"));
        Assert.Equal("descending", byArticles.QuerySelector("table.sections th[aria-sort]")!.GetAttribute("aria-sort"));
        var found = await editor.GetDocumentAsync("/newsroom/sections?sq=LIT&ss=name");
        Assert.Equal(["Politics"], Names(found, "sections"));
        Assert.Equal("1 of 4 sections", found.QuerySelector("table.sections")!.PreviousElementSibling!.TextContent.Trim());
    }

    [Fact]
    public async Task Tags_filter_by_name_or_address_and_sort_by_articles_keeping_the_sections_list_as_it_was()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var counted = await Server.InScopeAsync(s => s.GetRequiredService<TagService>().ListWithCountsAsync());

        var page = await editor.GetDocumentAsync("/newsroom/sections?ss=name&tq=bud&ts=articles");

        Assert.Equal(counted.Where(t => t.Tag.Name.Contains("bud", StringComparison.OrdinalIgnoreCase) || t.Tag.Slug.Contains("bud", StringComparison.Ordinal))
            .OrderByDescending(t => t.Articles).ThenBy(t => t.Tag.Name).Select(t => t.Tag.Name), Names(page, "tags"));
        Assert.Contains("Budget", Names(page, "tags"));
        Assert.Equal(["Business", "Culture", "Politics", "World"], Names(page, "sections"));
        Assert.Equal("/newsroom/sections?ss=name&tq=bud&ts=name", page.QuerySelector("table.tags th a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Pages_sort_by_title_address_or_last_change_and_filter_by_title()
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        Assert.Equal(["About us", "Corrections policy", "Ethics policy"], Titles(await admin.GetDocumentAsync("/newsroom/pages")));
        Assert.Equal(["/about-us", "/corrections-policy", "/ethics-policy"], Titles(await admin.GetDocumentAsync("/newsroom/pages?sort=address"), column: 2));
        Assert.Equal(["Corrections policy", "Ethics policy"], Titles(await admin.GetDocumentAsync("/newsroom/pages?q=policy")));
    }

    private static List<string> Names(IDocument page, string table) =>
        [.. page.QuerySelectorAll($"table.{table} tbody tr td:first-child a").Select(a => a.TextContent.Trim())];

    private static List<string> Titles(IDocument page, int column = 1) =>
        [.. page.QuerySelectorAll($"table.static-pages tbody tr td:nth-child({column}) a").Select(a => a.TextContent.Trim())];
}
