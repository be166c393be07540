using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Masthead.Testing;

namespace Masthead.Tests.Media;

/// <summary>
/// The newsroom's media library pages as a person without JavaScript uses them: the grid, search and filters, the
/// plain upload form, an item's page with where it is used, its details and focal point, replacing its file, and
/// deleting it (with the confirmation a published image needs, and the role table's limits).
/// </summary>
public sealed class MediaLibraryPageTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task The_library_shows_thumbnails_newest_first_and_finds_by_words_uploader_month_and_kind()
    {
        using var reporter = await MediaClient.SignInAsync(Server, DemoLogins.Reporter);
        var older = await reporter.UploadItemAsync("quarry-road.jpg", TestImages.Photo(640, 480, 1), new() { ["alt"] = "Trucks on the quarry road" });
        var newer = await reporter.UploadItemAsync("ferry-pier.jpg", TestImages.Photo(640, 480, 1), new() { ["credit"] = "Quarry Lane Studio" });
        var reporterId = newer.GetProperty("uploadedBy").GetProperty("id").GetInt32();
        var month = DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        using var newsroom = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);

        var all = await newsroom.GetDocumentAsync("/newsroom/media");
        var found = await newsroom.GetDocumentAsync("/newsroom/media?q=quarry");
        var mine = await newsroom.GetDocumentAsync($"/newsroom/media?uploader={reporterId}&month={month}&kind=image");
        var documents = await newsroom.GetDocumentAsync("/newsroom/media?kind=document&q=quarry");

        Assert.Equal("/newsroom/media", all.QuerySelector("nav[aria-label=Newsroom] a[href='/newsroom/media']")?.GetAttribute("href"));
        Assert.Equal([Path(newer), Path(older)], Tiles(all).Take(2));
        Assert.Equal([Path(newer), Path(older)], Tiles(found));
        Assert.Equal([Path(newer), Path(older)], Tiles(mine).Take(2)); // the class's other tests upload as the reporter too
        Assert.Empty(Tiles(documents));
        Assert.Contains("Nothing matches", documents.QuerySelector(".empty")?.TextContent, StringComparison.Ordinal);
        var thumb = found.QuerySelector(".media-tile img")!;
        Assert.EndsWith("/320.webp", thumb.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal(("320", "240"), (thumb.GetAttribute("width"), thumb.GetAttribute("height")));
        Assert.Contains(mine.QuerySelectorAll("#media-uploader option[selected]"), o => o.TextContent == "Tobias Wren");
        Assert.Equal(month, mine.QuerySelector("#media-month option[selected]")?.GetAttribute("value"));
        Assert.Contains("No alt text yet", found.QuerySelectorAll(".media-tile")[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plain_upload_form_stores_the_file_with_its_details_and_refuses_a_fake_with_its_reason()
    {
        using var newsroom = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        var before = await CountAsync(newsroom);

        using var stored = await PostFileAsync(newsroom, "/newsroom/media", "form[data-media-upload]", "Upload.File", "Flood at the mill.jpg", TestImages.Photo(800, 600, 1),
            new() { ["Upload.Alt"] = "Water up to the mill's windows", ["Upload.Credit"] = "Ravi Holmgren" });
        Assert.Equal(HttpStatusCode.Redirect, stored.StatusCode);
        var item = await newsroom.GetDocumentAsync(stored.Headers.Location!.OriginalString);
        Assert.Equal("Flood at the mill.jpg", item.QuerySelector("h1")?.TextContent);
        Assert.Contains("is in the library", item.QuerySelector(".flash")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Water up to the mill's windows", item.QuerySelector("#details-alt")?.GetAttribute("value"));
        Assert.Matches("^/media/[a-z2-7]{12}/flood-at-the-mill\\.jpg$", item.QuerySelector(".media-address")?.TextContent);
        using var fake = await PostFileAsync(newsroom, "/newsroom/media", "form[data-media-upload]", "Upload.File", "not-a-photo.jpg",
            "<html><body>hello</body></html>"u8.ToArray(), []);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, fake.StatusCode);
        var refused = await Parse(fake);
        Assert.Contains("HTML", refused.QuerySelector(".media-upload .errors")?.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before + 1, await CountAsync(newsroom));
    }

    [Fact]
    public async Task An_items_page_says_where_it_is_used_with_links_and_saves_details_and_a_focal_point_given_as_numbers()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var path = await ItemPathAsync(editor, "city-hall");

        var page = await editor.GetDocumentAsync(path);
        var uses = page.QuerySelectorAll(".media-uses li");
        var lead = uses.First(li => li.TextContent.Contains("Lead image", StringComparison.Ordinal));
        Assert.Matches("^/newsroom/articles/[0-9]+$", lead.QuerySelector("a")!.GetAttribute("href"));
        Assert.Matches("^/[0-9]{4}/[0-9]{2}/[0-9]{2}/", lead.QuerySelectorAll("a")[1].GetAttribute("href"));

        using var saved = await editor.SubmitAsync(path, "form.media-details", new()
        {
            ["Details.Alt"] = "City hall's clock tower at dusk",
            ["Details.Caption"] = "The tower was restored in 2019.",
            ["FocusAcross"] = "20",
            ["FocusDown"] = "30",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await editor.GetDocumentAsync(path);
        Assert.Equal(("City hall's clock tower at dusk", "The tower was restored in 2019.", "20", "30"),
            (after.QuerySelector("#details-alt")?.GetAttribute("value"), after.QuerySelector("#details-caption")?.GetAttribute("value"),
             after.QuerySelector("#focus-across")?.GetAttribute("value"), after.QuerySelector("#focus-down")?.GetAttribute("value")));
        Assert.Contains("fx-20", after.QuerySelector(".crop-wide")?.ClassName, StringComparison.Ordinal);

        using var outOfRange = await editor.SubmitAsync(path, "form.media-details", new() { ["FocusAcross"] = "140" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outOfRange.StatusCode);
        Assert.Contains("focal point", (await Parse(outOfRange)).QuerySelector(".errors")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replacing_the_file_keeps_the_address_and_shows_the_new_one()
    {
        using var reporter = await MediaClient.SignInAsync(Server, DemoLogins.Reporter);
        var item = await reporter.UploadItemAsync("bridge.jpg", TestImages.Photo(900, 600, 1), new() { ["alt"] = "The bridge" });
        using var newsroom = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var path = $"/newsroom/media/{item.GetProperty("id").GetInt32()}";

        using var replaced = await PostFileAsync(newsroom, path, "form[enctype='multipart/form-data']", "Details.File", "bridge-2.png", TestImages.Png(), []);

        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        var page = await newsroom.GetDocumentAsync(path);
        Assert.Equal(item.GetProperty("url").GetString(), page.QuerySelector(".media-address")?.TextContent);
        Assert.Contains("image/png", page.QuerySelector(".message-meta")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("is replaced", page.QuerySelector(".flash")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_a_published_article_shows_is_deleted_only_after_a_confirmation_that_names_the_article()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var path = await ItemPathAsync(editor, "market");

        using var first = await editor.SubmitAsync(path, "form.delete", []);
        var confirm = await Parse(first);
        Assert.Equal(HttpStatusCode.Conflict, first.StatusCode);
        Assert.Contains("Readers see this image", confirm.QuerySelector("#confirm-heading")?.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(confirm.QuerySelectorAll(".panel.delete li a"));
        await editor.GetDocumentAsync(path); // still there

        using var confirmed = await editor.SubmitAsync((IHtmlFormElement)confirm.QuerySelector(".panel.delete form")!, [], pagePath: path);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await editor.GetDocumentAsync(path, expectedStatus: 404);
    }

    [Fact]
    public async Task A_contributor_cannot_change_or_delete_another_persons_upload_nor_delete_one_in_use_and_a_post_without_token_is_refused()
    {
        using var editorApi = await MediaClient.SignInAsync(Server, DemoLogins.Editor);
        var theirs = await editorApi.UploadItemAsync("editors-photo.jpg", TestImages.Photo(400, 300, 1), new() { ["alt"] = "Editor's photo" });
        var theirsPath = $"/newsroom/media/{theirs.GetProperty("id").GetInt32()}";
        using var contributor = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);

        var page = await contributor.GetDocumentAsync(theirsPath);
        Assert.Null(page.QuerySelector("form.media-details"));
        Assert.Null(page.QuerySelector("form.delete"));
        using var change = await contributor.PostAsync($"{theirsPath}?handler=Details", new() { ["Details.Alt"] = "Vandalised" }, tokenPage: theirsPath);
        using var delete = await contributor.PostAsync($"{theirsPath}?handler=Delete", new() { ["confirm"] = "true" }, tokenPage: theirsPath);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (change.StatusCode, delete.StatusCode));

        // The contributor's own upload, once it is their staff photo, is in use: deleting it needs an editor.
        using var contributorApi = await MediaClient.SignInAsync(Server, DemoLogins.Contributor);
        var own = await contributorApi.UploadItemAsync("ravi-new-portrait.jpg", TestImages.Photo(400, 400, 1), new() { ["alt"] = "Ravi Holmgren" });
        var ownPath = $"/newsroom/media/{own.GetProperty("id").GetInt32()}";
        var profile = await contributor.GetDocumentAsync("/newsroom");
        var profilePath = profile.QuerySelector(".desk-user a[href^='/newsroom/staff/']")!.GetAttribute("href")!;
        using var setPhoto = await contributor.SubmitAsync(profilePath, "form.profile", new() { ["Form.PhotoUrl"] = own.GetProperty("url").GetString()! });
        Assert.Equal(HttpStatusCode.Redirect, setPhoto.StatusCode);
        var ownPage = await contributor.GetDocumentAsync(ownPath);
        Assert.Contains("Staff photo", ownPage.QuerySelector(".media-uses")?.TextContent, StringComparison.Ordinal);
        Assert.Null(ownPage.QuerySelector("form.delete"));
        using var deleteOwn = await contributor.PostAsync($"{ownPath}?handler=Delete", new() { ["confirm"] = "true" }, tokenPage: ownPath);
        Assert.Equal(HttpStatusCode.Forbidden, deleteOwn.StatusCode);

        using var forged = await contributor.Http.PostAsync($"{ownPath}?handler=Details", new FormUrlEncodedContent([new("Details.Alt", "No token")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var unchanged = await contributor.GetDocumentAsync(ownPath);
        Assert.Equal("Ravi Holmgren", unchanged.QuerySelector("#details-alt")?.GetAttribute("value"));
    }

    private static string Path(System.Text.Json.JsonElement item) => $"/newsroom/media/{item.GetProperty("id").GetInt32()}";

    private static IEnumerable<string?> Tiles(IDocument page) => page.QuerySelectorAll(".media-tile > a").Select(a => a.GetAttribute("href"));

    private static async Task<int> CountAsync(NewsroomClient newsroom)
    {
        var page = await newsroom.GetDocumentAsync("/newsroom/media");
        return int.Parse(page.QuerySelector(".media-count")!.TextContent.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> ItemPathAsync(NewsroomClient newsroom, string search)
    {
        var page = await newsroom.GetDocumentAsync($"/newsroom/media?q={search}");
        return page.QuerySelector(".media-tile > a")?.GetAttribute("href") ?? throw new InvalidOperationException($"Nothing in the library matches {search}.");
    }

    private static async Task<IDocument> Parse(HttpResponseMessage response) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>Submits a multipart form of a page as a browser without JavaScript does: its fields, its token, and a file.</summary>
    private static async Task<HttpResponseMessage> PostFileAsync(NewsroomClient newsroom, string pagePath, string formSelector, string fileField, string fileName,
        byte[] content, Dictionary<string, string> values)
    {
        var page = await newsroom.GetDocumentAsync(pagePath);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"{pagePath} has no form {formSelector}.");
        using var body = new MultipartFormDataContent();
        var hidden = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""));
        foreach (var (name, value) in hidden.Where(f => !values.ContainsKey(f.Key)).Concat(values))
        {
            body.Add(new StringContent(value), name);
        }

        body.Add(new ByteArrayContent(content), fileField, fileName);
        var action = form.GetAttribute("action");
        return await newsroom.Http.PostAsync(string.IsNullOrEmpty(action) ? pagePath : action, body);
    }
}
