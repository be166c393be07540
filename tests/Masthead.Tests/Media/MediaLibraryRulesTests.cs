using System.Net;
using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.Pages;
using Masthead.Core.People;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Masthead.Tests.Newsroom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Media;

/// <summary>
/// Where each item is used, kept as content changes; who may change and delete what (the role table); the refusal
/// to delete an image readers see without a confirmation; and replacing a file behind the same address.
/// </summary>
public sealed class MediaLibraryRulesTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task Where_used_follows_lead_images_bodies_pages_photos_and_the_logo_as_they_change()
    {
        using var reporter = await MediaClient.SignInAsync(Server, DemoLogins.Reporter);
        using var newsroom = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var photo = await reporter.UploadItemAsync("ferry.jpg", TestImages.Photo(800, 600, 1), new() { ["alt"] = "The ferry at the quay" });
        var id = photo.GetProperty("id").GetInt32();
        var url = photo.GetProperty("url").GetString()!;

        // The article leaves its alt text empty: the library item's is used.
        var articleId = await newsroom.WriteAsync("Ferry returns to the quay", $"The ferry is back.\n\n![]({url})", new() { ["Form.LeadImageUrl"] = url });
        await Server.InScopeAsync(async services =>
        {
            var tobias = await services.GetRequiredService<MastheadDb>().Staff.SingleAsync(s => s.Slug == "tobias-wren");
            await services.GetRequiredService<StaffService>().UpdateProfileAsync(Actor.System, tobias.Id,
                new ProfileInput(tobias.Name, tobias.JobTitle, tobias.Bio, url, tobias.PublicEmail));
            await services.GetRequiredService<StaticPageService>().SaveAsync(Actor.System, null,
                new StaticPageInput("Our boats", "our-boats", $"![The ferry]({url})", StaticPageRole.None));
            await services.GetRequiredService<PublicationService>().UpdateAsync(Actor.System, settings => settings.LogoUrl = url);
        });

        var uses = Uses(await reporter.GetJsonAsync($"{MediaClient.Api}/{id}"));
        Assert.Equal(
            ["article-body:Ferry returns to the quay:False", "article-lead-image:Ferry returns to the quay:False", "publication-logo:The Larkmoor Lantern:True",
             "staff-photo:Tobias Wren:True", "static-page:Our boats:True"],
            uses.Order(StringComparer.Ordinal));

        // The article changes its lead image to one elsewhere and drops the body image; the logo goes back.
        var stored = await Server.StoredAsync(articleId);
        await Server.InScopeAsync(async services =>
        {
            await services.GetRequiredService<ArticleService>().UpdateAsync(Actor.System, articleId, new ArticleInput
            {
                Headline = stored.Headline,
                BodyMarkdown = "The ferry is back.",
                AuthorIds = [.. stored.Authors.Select(a => a.StaffMemberId)],
                LeadImage = new LeadImageView("https://images.example.org/ferry.jpg", "A ferry", null, null),
            }, stored.Version);
            await services.GetRequiredService<PublicationService>().UpdateAsync(Actor.System, settings => settings.LogoUrl = null);
        });

        Assert.Equal(["staff-photo:Tobias Wren:True", "static-page:Our boats:True"],
            Uses(await reporter.GetJsonAsync($"{MediaClient.Api}/{id}")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_image_in_a_published_article_is_deleted_only_when_the_delete_is_confirmed()
    {
        using var reporter = await MediaClient.SignInAsync(Server, DemoLogins.Reporter);
        using var editor = await MediaClient.SignInAsync(Server, DemoLogins.Editor);
        using var newsroom = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var photo = await reporter.UploadItemAsync("flood.jpg", TestImages.Photo(700, 500, 1), new() { ["alt"] = "Flooded street" });
        var id = photo.GetProperty("id").GetInt32();
        var articleId = await newsroom.WriteAsync("Flood warning lifted", "Water is going down.", new() { ["Form.LeadImageUrl"] = photo.GetProperty("url").GetString()! });
        await Server.InScopeAsync(services => services.GetRequiredService<PublishingService>().BringToAsync(articleId, ArticleStatus.Published));
        var files = MediaUploadTests.Files(photo, "width");

        using var ownInUse = await reporter.SendAsync(HttpMethod.Delete, $"{MediaClient.Api}/{id}");
        using var unconfirmed = await editor.SendAsync(HttpMethod.Delete, $"{MediaClient.Api}/{id}");
        var problem = await MediaClient.ProblemAsync(unconfirmed);
        var stillThere = await Server.Client.GetAsync(files[0].Url);
        using var confirmed = await editor.SendAsync(HttpMethod.Delete, $"{MediaClient.Api}/{id}?confirm=true");
        using var gone = await Server.Client.GetAsync(files[0].Url);

        Assert.Equal(HttpStatusCode.Forbidden, ownInUse.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
        Assert.Contains("the lead image of “Flood warning lifted”", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("confirm=true", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("article-lead-image", problem.GetProperty("uses")[0].GetProperty("place").GetString());
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(Directory.GetDirectories(Path.Combine(Server.DataDirectory, "uploads"), photo.GetProperty("key").GetString()!));
        await editor.GetJsonAsync($"{MediaClient.Api}/{id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Writers_change_and_delete_their_own_uploads_and_editors_anyones()
    {
        using var contributor = await MediaClient.SignInAsync(Server, DemoLogins.Contributor);
        using var reporter = await MediaClient.SignInAsync(Server, DemoLogins.Reporter);
        using var editor = await MediaClient.SignInAsync(Server, DemoLogins.Editor);
        var mine = await contributor.UploadItemAsync("mine.jpg", TestImages.Photo(400, 300, 1));
        var theirs = await contributor.UploadItemAsync("theirs.jpg", TestImages.Photo(400, 300, 1));
        var mineId = mine.GetProperty("id").GetInt32();
        var theirsId = theirs.GetProperty("id").GetInt32();

        using var othersAlt = await reporter.SendAsync(HttpMethod.Patch, $"{MediaClient.Api}/{theirsId}", new { alt = "Not mine to describe" });
        using var othersDelete = await reporter.SendAsync(HttpMethod.Delete, $"{MediaClient.Api}/{theirsId}");
        using var othersReplace = await reporter.UploadAsync("other.jpg", TestImages.Photo(400, 300, 1), path: $"{MediaClient.Api}/{theirsId}/file");
        using var ownAlt = await contributor.SendAsync(HttpMethod.Patch, $"{MediaClient.Api}/{mineId}", new { alt = "A quiet street", caption = "Main Street at noon" });
        using var ownDelete = await contributor.SendAsync(HttpMethod.Delete, $"{MediaClient.Api}/{mineId}");
        using var editorDelete = await editor.SendAsync(HttpMethod.Delete, $"{MediaClient.Api}/{theirsId}");

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            new[] { othersAlt.StatusCode, othersDelete.StatusCode, othersReplace.StatusCode });
        Assert.Equal(HttpStatusCode.OK, ownAlt.StatusCode);
        Assert.Equal("Main Street at noon", JsonDocument.Parse(await ownAlt.Content.ReadAsStringAsync()).RootElement.GetProperty("caption").GetString());
        Assert.Equal(HttpStatusCode.NoContent, ownDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, editorDelete.StatusCode);
    }

    [Fact]
    public async Task Replacing_a_file_keeps_its_address_and_sends_old_variant_addresses_to_the_new_ones()
    {
        using var reporter = await MediaClient.SignInAsync(Server, DemoLogins.Reporter);
        var before = await reporter.UploadItemAsync("council.jpg", TestImages.Photo(1000, 700, 1), new() { ["alt"] = "The council" });
        var id = before.GetProperty("id").GetInt32();
        var oldFile = MediaUploadTests.Files(before, "width").First(f => f.Width == 640 && f.Type == "image/webp");

        using var replace = await reporter.UploadAsync("council-wide.png", TestImages.Png(1400, 600), path: $"{MediaClient.Api}/{id}/file");
        var after = JsonDocument.Parse(await replace.Content.ReadAsStringAsync()).RootElement;
        using var own = await Server.Client.GetAsync(before.GetProperty("url").GetString());
        using var old = await Server.Client.GetAsync(oldFile.Url);

        Assert.Equal(HttpStatusCode.OK, replace.StatusCode);
        Assert.Equal(before.GetProperty("url").GetString(), after.GetProperty("url").GetString());
        Assert.Equal(("image/png", 1400, "The council"),
            (after.GetProperty("contentType").GetString(), after.GetProperty("width").GetInt32(), after.GetProperty("alt").GetString()));
        Assert.NotEqual(before.GetProperty("hash").GetString(), after.GetProperty("hash").GetString());
        Assert.Equal("image/png", own.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1400, TestImages.Read(await own.Content.ReadAsByteArrayAsync()).Width);
        Assert.Equal(HttpStatusCode.Found, old.StatusCode);
        Assert.Equal(MediaUploadTests.Files(after, "width").First(f => f.Width == 640 && f.Type == "image/webp").Url, old.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound,
            (await Server.Client.GetAsync(oldFile.Url.Replace(before.GetProperty("key").GetString()!, "aaaaaaaaaaaa", StringComparison.Ordinal))).StatusCode);
        using var kind = await reporter.UploadAsync("memo.pdf", TestImages.Pdf(), path: $"{MediaClient.Api}/{id}/file");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, kind.StatusCode);
    }

    [Fact]
    public async Task A_new_focal_point_makes_a_new_social_preview_cut_around_it()
    {
        using var reporter = await MediaClient.SignInAsync(Server, DemoLogins.Reporter);
        var item = await reporter.UploadItemAsync("tall.jpg", TestImages.Photo(1300, 1800, 1));
        var id = item.GetProperty("id").GetInt32();

        using var moved = await reporter.SendAsync(HttpMethod.Patch, $"{MediaClient.Api}/{id}", new { focalPoint = new { x = 0.5, y = 0.1 } });
        var after = JsonDocument.Parse(await moved.Content.ReadAsStringAsync()).RootElement;
        using var outside = await reporter.SendAsync(HttpMethod.Patch, $"{MediaClient.Api}/{id}", new { focalPoint = new { x = 1.5, y = 0.1 } });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(0.1, after.GetProperty("focalPoint").GetProperty("y").GetDouble());
        var social = after.GetProperty("socialImage").GetProperty("url").GetString()!;
        Assert.EndsWith("/social-50-10.jpg", social, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Server.Client.GetAsync(social)).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await Server.Client.GetAsync(item.GetProperty("socialImage").GetProperty("url").GetString())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
    }

    private static List<string> Uses(JsonElement detail) =>
    [
        .. detail.GetProperty("uses").EnumerateArray()
            .Select(u => $"{u.GetProperty("place").GetString()}:{u.GetProperty("title").GetString()}:{u.GetProperty("shown").GetBoolean()}"),
    ];
}
