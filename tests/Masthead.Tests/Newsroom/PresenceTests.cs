using System.Net;
using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.Publishing;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Who else has an article open in the editor: each open editor's presence stream counts its person present, tells
/// the others at once, and tells them when a colleague saves it or changes its notes; only signed-in staff see it.
/// </summary>
public sealed class PresenceTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task Two_people_with_one_article_open_see_each_other_and_see_the_other_leave()
    {
        using var tobias = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        using var anaya = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        using var ravi = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        var id = await tobias.WriteAsync("Harbour crane to be listed");

        await using var tobiasStream = await OpenAsync(tobias, id);
        Assert.Empty(await NextPresenceAsync(tobiasStream));

        await using (var anayaStream = await OpenAsync(anaya, id))
        {
            Assert.Equal(["Tobias Wren"], await NextPresenceAsync(anayaStream));
            Assert.Equal(["Anaya Kessler"], await NextPresenceAsync(tobiasStream));

            var page = await ravi.GetDocumentAsync($"/newsroom/articles/{id}");
            var shown = page.QuerySelectorAll(".presence-editors li").Select(li => li.TextContent).ToList();
            Assert.Equal(2, shown.Count);
            Assert.All(shown, line => Assert.Matches("^(Tobias Wren|Anaya Kessler) is editing · opened just now$", line));
            using var snapshot = await ravi.Http.GetAsync($"/newsroom/articles/{id}/presence");
            var names = JsonDocument.Parse(await snapshot.Content.ReadAsStringAsync()).RootElement.GetProperty("editors").EnumerateArray()
                .Select(e => e.GetProperty("name").GetString()).Order().ToList();
            Assert.Equal(["Anaya Kessler", "Tobias Wren"], names);
        }

        Assert.Empty(await NextPresenceAsync(tobiasStream));
    }

    [Fact]
    public async Task An_open_editor_is_told_when_a_colleague_saves_the_article_or_writes_a_note()
    {
        using var tobias = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        using var anaya = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var id = await tobias.WriteAsync("Ferry timetable for the summer");
        await using var tobiasStream = await OpenAsync(tobias, id);
        await NextPresenceAsync(tobiasStream);

        (await anaya.SubmitAsync($"/newsroom/articles/{id}", ArticleTestSteps.EditorForm, new() { ["Form.BodyMarkdown"] = "Sailings every hour." }, "intent=save")).Dispose();
        var saved = await NextOfAsync(tobiasStream, "saved");
        Assert.StartsWith("Anaya Kessler saved a newer version at ", JsonDocument.Parse(saved.Data).RootElement.GetProperty("message").GetString());

        (await anaya.PostAsync($"/newsroom/articles/{id}?handler=Note", new() { ["text"] = "Add the winter times too." }, tokenPage: $"/newsroom/articles/{id}")).Dispose();
        await NextOfAsync(tobiasStream, "notes");
    }

    [Fact]
    public async Task Presence_is_for_signed_in_staff_only_and_a_missing_article_has_none()
    {
        using var anonymous = new NewsroomClient(Server);
        using var tobias = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);
        var id = await tobias.WriteAsync("Quiet week at the lifeboat station");
        await using var open = await OpenAsync(tobias, id);
        await NextPresenceAsync(open);

        using var refused = await anonymous.Http.GetAsync($"/newsroom/articles/{id}/presence");
        using var missing = await tobias.Http.GetAsync("/newsroom/articles/999999/presence");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/newsroom/sign-in", refused.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    public static Task<SseReader> OpenAsync(NewsroomClient client, int id) => SseReader.OpenAsync(client.Http, $"/newsroom/articles/{id}/presence");

    /// <summary>The names in the next presence event, skipping any other kind.</summary>
    public static async Task<List<string>> NextPresenceAsync(SseReader stream)
    {
        var presence = await NextOfAsync(stream, "presence");
        return JsonDocument.Parse(presence.Data).RootElement.GetProperty("editors").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToList();
    }

    public static async Task<SseEvent> NextOfAsync(SseReader stream, string type)
    {
        while (true)
        {
            var next = await stream.NextAsync(TimeSpan.FromSeconds(15)) ?? throw new InvalidOperationException("The presence stream ended.");
            if (next.Type == type)
            {
                return next;
            }
        }
    }
}
