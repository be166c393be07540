using System.Net;
using AngleSharp.Dom;
using Masthead.Core.Contact;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>Editors read readers' messages, safely, and work them from new to handled to archived.</summary>
public sealed class InboxTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    private Task<int> ReceiveAsync(string subject, string message = "Thank you for the story about the mill.") =>
        Server.InScopeAsync(services => services.GetRequiredService<ContactService>()
            .ReceiveAsync(new ContactInput("Hollis Brandt", "hollis@example.org", subject, message)));

    [Fact]
    public async Task Html_in_a_message_is_shown_as_text_never_rendered()
    {
        const string body = "<script>alert('x')</script><b>bold</b> & <img src=x onerror=alert(1)>";
        var id = await ReceiveAsync("<i>Tags</i> in the subject", body);
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        var message = await editor.GetDocumentAsync($"/newsroom/inbox/{id}");
        var list = await editor.GetDocumentAsync("/newsroom/inbox");

        var shown = message.QuerySelector(".message-body")!;
        Assert.Equal(body, shown.TextContent);
        Assert.Empty(shown.Children);
        Assert.Equal("<i>Tags</i> in the subject", message.QuerySelector("h1")!.TextContent);
        Assert.Empty(message.QuerySelectorAll("main script, main b, main i, main img"));
        Assert.Contains(list.QuerySelectorAll("tr.message a"), a => a.TextContent == "<i>Tags</i> in the subject");
    }

    [Fact]
    public async Task A_message_shows_who_wrote_when_and_a_reply_link()
    {
        var id = await ReceiveAsync("Question & answer");
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        var message = await editor.GetDocumentAsync($"/newsroom/inbox/{id}");

        Assert.Equal("Hollis Brandt", message.QuerySelector(".message-from")!.TextContent);
        Assert.Equal("mailto:hollis@example.org?subject=Re%3A%20Question%20%26%20answer", message.QuerySelector(".message-email")!.GetAttribute("href"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[56]:00$", message.QuerySelector(".message-meta time")!.GetAttribute("datetime"));
        Assert.Equal("Thank you for the story about the mill.", message.QuerySelector(".message-body")!.TextContent);
    }

    [Fact]
    public async Task Editors_mark_messages_handled_archive_them_and_move_them_back()
    {
        var id = await ReceiveAsync("Handle me");
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        using var handled = await editor.SubmitAsync($"/newsroom/inbox/{id}", ".actions form", [], button: "status=Handled");
        var newMessages = await editor.GetDocumentAsync(handled.Headers.Location!.OriginalString);
        Assert.Equal("/newsroom/inbox", handled.Headers.Location.OriginalString);
        Assert.Equal("“Handle me” is marked handled.", newMessages.QuerySelector(".flash")!.TextContent);
        Assert.DoesNotContain("Handle me", newMessages.QuerySelectorAll("tr.message a").Select(a => a.TextContent));
        Assert.Contains("Handle me", await SubjectsAsync(editor, "/newsroom/inbox?status=handled"));

        using var archived = await editor.SubmitAsync($"/newsroom/inbox/{id}", ".actions form", [], button: "status=Archived");
        Assert.DoesNotContain("Handle me", await SubjectsAsync(editor, "/newsroom/inbox?status=handled"));
        Assert.Contains("Handle me", await SubjectsAsync(editor, "/newsroom/inbox?status=archived"));

        using var back = await editor.SubmitAsync($"/newsroom/inbox/{id}", ".actions form", [], button: "status=New");
        Assert.Contains("Handle me", await SubjectsAsync(editor, "/newsroom/inbox"));
        Assert.Equal("New", (await editor.GetDocumentAsync($"/newsroom/inbox/{id}")).QuerySelector(".message-status")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_tabs_count_messages_by_status()
    {
        await ReceiveAsync("Counted");
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        var inbox = await editor.GetDocumentAsync("/newsroom/inbox");

        var tabs = inbox.QuerySelectorAll(".tabs a").ToDictionary(a => a.FirstChild!.TextContent.Trim(), a => int.Parse(a.QuerySelector(".count")!.TextContent));
        Assert.Equal(["New", "Handled", "Archived"], tabs.Keys);
        Assert.Equal(inbox.QuerySelectorAll("tr.message").Length, tabs["New"]);
        Assert.Equal("page", inbox.QuerySelector(".tabs a[href='/newsroom/inbox']")!.GetAttribute("aria-current"));
    }

    [Theory]
    [InlineData("reporter")]
    [InlineData("contributor")]
    public async Task Reporters_and_contributors_cannot_read_or_work_the_inbox(string role)
    {
        var id = await ReceiveAsync($"Not for {role}s");
        using var writer = await NewsroomClient.SignInAsync(Server, role == "reporter" ? DemoLogins.Reporter : DemoLogins.Contributor);

        await writer.GetDocumentAsync("/newsroom/inbox", 403);
        await writer.GetDocumentAsync($"/newsroom/inbox/{id}", 403);
        using var post = await writer.PostAsync($"/newsroom/inbox/{id}", new() { ["status"] = "Archived" });

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var stored = await Server.InScopeAsync(services => services.GetRequiredService<ContactService>().GetAsync(Core.Publishing.Actor.System, id));
        Assert.Equal(ContactMessageStatus.New, stored!.Status);
        Assert.Empty((await writer.GetDocumentAsync("/newsroom")).QuerySelectorAll("a[href='/newsroom/inbox']"));
    }

    private static async Task<List<string>> SubjectsAsync(NewsroomClient client, string path) =>
        (await client.GetDocumentAsync(path)).QuerySelectorAll("tr.message a").Select(a => a.TextContent).ToList();
}
