using System.Net;
using AngleSharp.Dom;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Live;

/// <summary>A fresh demo server per test, and the live desk of its budget story as an editor uses it.</summary>
public abstract class LiveDeskTestBase : IAsyncLifetime
{
    protected MastheadServer Server { get; private set; } = null!;
    protected int StoryId { get; private set; }
    protected string StoryPath { get; private set; } = "";
    protected string Desk => $"/newsroom/live/{StoryId}";

    public async ValueTask InitializeAsync()
    {
        Server = await MastheadServer.StartAsync();
        (StoryId, StoryPath) = await Server.ArticleAsync("council-budget-night");
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    protected async Task<NewsroomClient> StartedByEditorAsync()
    {
        var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
        var desk = await editor.GetDocumentAsync(Desk);
        if (desk.QuerySelector("form[action*='handler=Start']") is not null)
        {
            using var started = await editor.SubmitAsync(Desk, "form[action*='handler=Start']", []);
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        }

        return editor;
    }

    protected async Task<HttpResponseMessage> PostUpdateAsync(NewsroomClient client, string body, string title = "", bool key = false)
    {
        var values = new Dictionary<string, string> { ["Title"] = title, ["Body"] = body };
        if (key)
        {
            values["IsKey"] = "true";
        }

        return await client.SubmitAsync(Desk, "form[action*='handler=Update']", values);
    }

    protected static IElement DeskItem(IDocument desk, string text) =>
        desk.QuerySelectorAll(".desk-updates > li").First(li => li.TextContent.Contains(text));

    protected Task<int> CountUpdatesAsync() =>
        Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().LiveUpdates.CountAsync(u => u.ArticleId == StoryId && u.DeletedAt == null));
}
