using System.Net;
using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Masthead.Core.Storage;
using Masthead.Core.Tags;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>The article list and the editor form: saving, validation, preview, tags and bylines.</summary>
public sealed class ArticleEditorTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    private Task<int> ArticleCountAsync() => Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Articles.CountAsync());

    [Fact]
    public async Task A_new_article_names_its_writer_in_the_first_byline()
    {
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);

        var page = await reporter.GetDocumentAsync("/newsroom/articles/new");

        Assert.Equal("Tobias Wren", page.QuerySelector("select#byline-1 option[selected]")!.TextContent.Trim());
        Assert.Equal(4, page.QuerySelectorAll("select[name^='Form.AuthorIds']").Length);
        Assert.NotNull(page.QuerySelector("form.article-form[data-ctrl-enter] textarea.body"));
    }

    [Fact]
    public async Task Saving_stores_every_field_and_redirects_to_the_editor_with_a_message()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var (sectionId, tagId, staff) = await Server.InScopeAsync(async services => (
            (await services.GetRequiredService<SectionService>().ListAsync())[1].Id,
            (await services.GetRequiredService<TagService>().ListAsync())[0].Id,
            await services.GetRequiredService<StaffService>().ListActiveAsync()));
        var values = new Dictionary<string, string>
        {
            ["Form.Headline"] = "Council approves the riverside trail",
            ["Form.Standfirst"] = "The vote was 7-2.",
            ["Form.BodyMarkdown"] = "Work starts in **May**.",
            ["Form.SectionId"] = $"{sectionId}",
            ["Form.TagIds"] = $"{tagId}",
            ["Form.AuthorIds[0]"] = $"{staff[2].Id}",
            ["Form.AuthorIds[1]"] = $"{staff[0].Id}",
            ["Form.LeadImageUrl"] = "/media/trail.jpg",
            ["Form.LeadImageAlt"] = "A gravel path along the river",
            ["Form.LeadImageCredit"] = "Lantern staff",
            ["Form.Note"] = "First draft",
        };

        using var response = await editor.SubmitAsync("/newsroom/articles/new", "form.article-form", values, button: "intent=save");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var stored = await Server.StoredAsync(id);
        Assert.Equal(("council-approves-the-riverside-trail", "The vote was 7-2.", sectionId), (stored.Slug, stored.Standfirst, stored.SectionId));
        Assert.Equal([staff[2].Id, staff[0].Id], stored.Authors.OrderBy(a => a.Position).Select(a => a.StaffMemberId));
        Assert.Equal([tagId], stored.Tags.Select(t => t.TagId));
        Assert.Equal(("/media/trail.jpg", "Lantern staff"), (stored.LeadImage!.Url, stored.LeadImage.Credit));
        var page = await editor.GetDocumentAsync($"/newsroom/articles/{id}");
        Assert.Contains("Saved", page.QuerySelector(".flash")!.TextContent);
        Assert.Equal("Work starts in **May**.", page.QuerySelector("textarea[name='Form.BodyMarkdown']")!.TextContent.Trim());
        Assert.Equal($"{stored.Version}", page.QuerySelector("input[name='Form.Version']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Validation_problems_show_beside_the_fields_and_keep_what_was_typed()
    {
        using var contributor = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        var before = await ArticleCountAsync();
        var values = new Dictionary<string, string>
        {
            ["Form.Headline"] = "",
            ["Form.Standfirst"] = "A standfirst worth keeping.",
            ["Form.BodyMarkdown"] = "Three paragraphs\n\nof careful\n\nreporting.",
            ["Form.LeadImageUrl"] = "javascript:alert(1)",
        };

        using var response = await contributor.SubmitAsync("/newsroom/articles/new", "form.article-form", values, button: "intent=save");
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("The headline is empty.", page.QuerySelector("#headline-problem")!.TextContent);
        Assert.Contains("lead image address", page.QuerySelector(".lead-image .error")!.TextContent);
        Assert.NotNull(page.QuerySelector(".errors[role=alert]"));
        Assert.Equal("A standfirst worth keeping.", page.QuerySelector("textarea[name='Form.Standfirst']")!.TextContent.Trim());
        Assert.Equal("Three paragraphs\n\nof careful\n\nreporting.", page.QuerySelector("textarea[name='Form.BodyMarkdown']")!.TextContent.Trim().ReplaceLineEndings("\n"));
        Assert.Equal("javascript:alert(1)", page.QuerySelector("input[name='Form.LeadImageUrl']")!.GetAttribute("value"));
        Assert.Equal(before, await ArticleCountAsync());
    }

    [Fact]
    public async Task Preview_shows_the_rendered_body_without_saving()
    {
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var before = await ArticleCountAsync();
        var values = new Dictionary<string, string>
        {
            ["Form.Headline"] = "Preview me",
            ["Form.BodyMarkdown"] = "Some **bold** words.\n\n<script>alert(1)</script>",
        };

        using var response = await reporter.SubmitAsync("/newsroom/articles/new", "form.article-form", values, button: "intent=preview");
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bold", page.QuerySelector("#preview .preview-body strong")!.TextContent);
        Assert.Null(page.QuerySelector("#preview script"));
        Assert.Equal("Preview me", page.QuerySelector("input[name='Form.Headline']")!.GetAttribute("value"));
        Assert.Equal(before, await ArticleCountAsync());
    }

    [Fact]
    public async Task The_preview_handler_answers_the_fragment_a_script_shows()
    {
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);

        using var response = await reporter.PostAsync("/newsroom/articles/new?handler=Preview", new() { ["Form.BodyMarkdown"] = "## Subhead" },
            tokenPage: "/newsroom/articles/new");
        var fragment = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Subhead", fragment.QuerySelector("#preview .preview-body h2")!.TextContent);
        Assert.Null(fragment.QuerySelector("header"));
    }

    [Fact]
    public async Task Editors_create_tags_on_save_and_other_roles_cannot()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);

        var id = await editor.WriteAsync("Beekeepers gather at the fairgrounds", more: new() { ["Form.NewTags"] = "Beekeeping, Fairgrounds" });

        var tags = await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Tags.AsNoTracking().Where(t => t.Slug == "beekeeping" || t.Slug == "fairgrounds")
            .ToListAsync());
        Assert.Equal(2, tags.Count);
        Assert.Equal(tags.Select(t => t.Id).Order(), (await Server.StoredAsync(id)).Tags.Select(t => t.TagId).Order());
        var reporterPage = await reporter.GetDocumentAsync("/newsroom/articles/new");
        Assert.Null(reporterPage.QuerySelector("input[name='Form.NewTags']"));
        using var forged = await reporter.PostAsync("/newsroom/articles/new", new() { ["Form.Headline"] = "Sneaky", ["Form.NewTags"] = "Smuggled" },
            tokenPage: "/newsroom/articles/new");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    [Fact]
    public async Task The_article_list_filters_by_state_and_shows_25_a_page()
    {
        await Server.InScopeAsync(async services =>
        {
            var articles = services.GetRequiredService<ArticleService>();
            for (var n = 0; n < 3; n++)
            {
                await articles.CreateAsync(Actor.System, new ArticleInput { Headline = $"Listed draft {n}" });
            }
        });
        using var contributor = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        var total = await ArticleCountAsync();

        var first = await contributor.GetDocumentAsync("/newsroom/articles");
        var second = await contributor.GetDocumentAsync("/newsroom/articles?page=2");
        var drafts = await contributor.GetDocumentAsync("/newsroom/articles?status=draft");

        Assert.Equal(25, first.QuerySelectorAll("table.article-list tbody tr").Length);
        Assert.Equal(total - 25, second.QuerySelectorAll("table.article-list tbody tr").Length);
        Assert.Equal("/newsroom/articles?page=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(drafts.QuerySelectorAll("table.article-list tbody tr").Length, drafts.QuerySelectorAll("table.article-list .status").Length);
        Assert.All(drafts.QuerySelectorAll("table.article-list .status"), status => Assert.Equal("Draft", status.TextContent));
        Assert.Contains(drafts.QuerySelectorAll("table.article-list td a"), a => a.TextContent == "Listed draft 2");
        var row = first.QuerySelectorAll("table.article-list tbody tr").First(r => r.QuerySelector(".status")!.TextContent == "Published");
        var shown = DateTimeOffset.Parse(row.QuerySelector("time")!.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("America/Chicago").GetUtcOffset(shown), shown.Offset);
    }
}
