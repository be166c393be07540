using System.Net;
using AngleSharp.Dom;
using Masthead.Core.Articles;
using Masthead.Core.FrontPage;
using Masthead.Newsroom.FrontPage;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Masthead.Tests.FrontPage;

/// <summary>What the front-page tests do and read: the editor's form, the reader's front page, the newest stories.</summary>
internal static class FrontPageSteps
{
    public const string Editor = "/newsroom/front-page";

    /// <summary>The published stories, newest first, as Masthead's own queries list them.</summary>
    public static Task<List<ArticleSummary>> NewestAsync(MastheadServer server, int count = 20) =>
        server.InScopeAsync(services => services.GetRequiredService<ArticleQueries>().LatestAsync(ArticleFilter.All, count));

    /// <summary>Submits the editor's form as the page shows it, with <paramref name="changes"/> made and <paramref name="button"/> pressed.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(NewsroomClient editor, Dictionary<string, string> changes, string button = "intent=save") =>
        editor.SubmitAsync(Editor, "form.curation", changes, button);

    /// <summary>Chooses stories for slots (slot number to article id), leaves the others to the latest, and saves, as an editor does.</summary>
    public static async Task SaveAsync(NewsroomClient editor, Dictionary<int, int> slots, Dictionary<string, string>? more = null)
    {
        var changes = Enumerable.Range(0, FrontPageLayout.Slots).ToDictionary(
            slot => $"Form.Slots[{slot}].ArticleId",
            slot => slots.TryGetValue(slot, out var id) ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
        foreach (var (name, value) in more ?? [])
        {
            changes[name] = value;
        }

        using var response = await SubmitAsync(editor, changes);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Saving the front page answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());

    public static async Task<string> LeadAsync(MastheadServer server) =>
        (await server.GetDocumentAsync("/")).QuerySelector(".front-lead .story-headline")!.TextContent.Trim();

    public static async Task<List<string>> TopStoriesAsync(MastheadServer server) =>
        [.. (await server.GetDocumentAsync("/")).QuerySelectorAll(".front-top-stories .story-headline").Select(h => h.TextContent.Trim())];

    /// <summary>The article ids in the editor's slots, as its hidden fields hold them (empty: the latest).</summary>
    public static List<string> SlotIds(IDocument editorPage) =>
        [.. editorPage.QuerySelectorAll("#slots input[name$='.ArticleId']").Select(i => i.GetAttribute("value") ?? "")];

    /// <summary>Waits until the server's pin expiry has finished a run that read the clock at <paramref name="asOf"/> or later; fails after 30 s.</summary>
    public static async Task PinExpiryRanAsOfAsync(MastheadServer server, DateTimeOffset asOf)
    {
        var expiry = server.Services.GetServices<IHostedService>().OfType<PinExpiry>().Single();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(expiry.LastRunAsOf >= asOf))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The pin expiry finished no run as of {asOf:O} within 30 s (last: {expiry.LastRunAsOf:O}).");
            await Task.Delay(20);
        }
    }

    public static Task<FrontPageCuration> CurationAsync(MastheadServer server) =>
        server.InScopeAsync(services => services.GetRequiredService<FrontPageService>().GetAsync().AsTask());
}
