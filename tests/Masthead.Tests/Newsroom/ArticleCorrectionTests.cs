using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>Editors add corrections to published articles from the editor; readers see them on the page and in its structured data.</summary>
public sealed class ArticleCorrectionTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    private Task<int> PublishedTwoDaysAgoAsync(string headline, string writerSlug) => Server.InScopeAsync(async services =>
    {
        var writer = (await services.GetRequiredService<StaffService>().ListActiveAsync()).Single(s => s.Slug == writerSlug);
        var articles = services.GetRequiredService<ArticleService>();
        var id = await articles.CreateAsync(Actor.System, new ArticleInput { Headline = headline, BodyMarkdown = "The count was 412.", AuthorIds = [writer.Id] });
        await services.GetRequiredService<PublishingService>().PublishAsync(Actor.System, id, DateTime.UtcNow.AddDays(-2));
        return id;
    });

    private static JsonNode NewsArticle(IDocument page) =>
        JsonNode.Parse(page.QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => s.TextContent).Single(json => json.Contains("\"NewsArticle\"", StringComparison.Ordinal)))!;

    [Fact]
    public async Task A_correction_added_in_the_editor_shows_on_the_article_and_in_its_json_ld()
    {
        var id = await PublishedTwoDaysAgoAsync("Turnout tops forecasts", "tobias-wren");
        var path = await Server.PublicPathAsync(id);
        var before = NewsArticle(await Server.GetDocumentAsync(path))["dateModified"]!.GetValue<string>();
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        using var response = await editor.StepAsync(id, "AddNote", new() { ["kind"] = "Correction", ["text"] = "An earlier version gave the count as 421." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var article = await Server.GetDocumentAsync(path);
        Assert.Contains("An earlier version gave the count as 421.", article.QuerySelector(".article-notes .note-correction")!.TextContent);
        var json = NewsArticle(article);
        var correction = json["correction"]!.AsArray().Single()!;
        Assert.Equal("CorrectionComment", correction["@type"]!.GetValue<string>());
        Assert.Equal("An earlier version gave the count as 421.", correction["text"]!.GetValue<string>());
        Assert.NotEqual(before, json["dateModified"]!.GetValue<string>());
        var page = await editor.GetDocumentAsync($"/newsroom/articles/{id}");
        Assert.Contains("An earlier version gave the count as 421.", page.QuerySelector(".note-list")!.TextContent);
    }

    [Fact]
    public async Task Clarifications_and_updates_are_in_the_json_ld_too_newest_first()
    {
        var id = await PublishedTwoDaysAgoAsync("Ferry fares frozen", "tobias-wren");
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        (await editor.StepAsync(id, "AddNote", new() { ["kind"] = "Clarification", ["text"] = "The freeze covers weekday fares." })).Dispose();
        (await editor.StepAsync(id, "AddNote", new() { ["kind"] = "Update", ["text"] = "The board confirmed the freeze on Friday." })).Dispose();

        var notes = NewsArticle(await Server.GetDocumentAsync(await Server.PublicPathAsync(id)))["correction"]!.AsArray();
        Assert.Equal(["Update", "Clarification"], notes.Select(n => n!["name"]!.GetValue<string>()));
        Assert.All(notes, n => Assert.Equal("CorrectionComment", n!["@type"]!.GetValue<string>()));
        Assert.Equal("The freeze covers weekday fares.", notes[1]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_editors_get_the_correction_form_and_others_are_refused()
    {
        var id = await PublishedTwoDaysAgoAsync("Parade route announced", "tobias-wren");
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);

        var page = await reporter.GetDocumentAsync($"/newsroom/articles/{id}");
        using var forged = await reporter.PostAsync($"/newsroom/articles/{id}?handler=AddNote", new() { ["kind"] = "Correction", ["text"] = "Not mine to add." },
            tokenPage: $"/newsroom/articles/{id}");

        Assert.Null(page.QuerySelector("form.add-note"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Null((await Server.GetDocumentAsync(await Server.PublicPathAsync(id))).QuerySelector(".article-notes"));
    }
}
