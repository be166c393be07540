using System.Text.Json;
using AngleSharp.Html.Dom;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Masthead.Tests;

/// <summary>PostgreSQL goes away: cached pages go on, the rest says 503 plainly, nothing is half-written, and service comes back alone.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task Cached_pages_are_served_others_answer_503_writes_leave_nothing_and_service_resumes_when_the_database_returns()
    {
        var dataDirectory = MastheadServer.NewDataDirectory();
        var database = await TestDatabase.ArgumentsForAsync(dataDirectory);
        var direct = new NpgsqlConnectionStringBuilder(database.Single(a => a.StartsWith("--ConnectionStrings:Masthead=", StringComparison.Ordinal)).Split('=', 2)[1]);
        await using var cutter = new TcpCutter(direct.Host!, direct.Port);
        var relayed = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Host = "127.0.0.1", Port = cutter.Port, Timeout = 2, CommandTimeout = 5 };
        try
        {
            await using var server = await MastheadServer.StartAsync(dataDirectory: dataDirectory, extraArgs: $"--ConnectionStrings:Masthead={relayed}");
            using var editor = await NewsroomClient.SignInAsync(server, DemoLogins.Editor);
            var newArticleForm = (IHtmlFormElement)(await editor.GetDocumentAsync("/newsroom/articles/new")).QuerySelector("form.article-form")!;
            var front = await server.Client.GetStringAsync("/");

            cutter.Cut();
            using var cachedFront = await server.Client.GetAsync("/");
            using var uncached = await server.Client.GetAsync("/section/business");
            using var api = await server.Client.GetAsync("/api/search?q=council");
            using var write = await editor.SubmitAsync(newArticleForm,
                new() { ["Form.Headline"] = "Written while the database was away", ["Form.BodyMarkdown"] = "Text." }, "intent=save", "/newsroom/articles/new");
            var writeAnswer = await MastheadServer.ParseAsync(await write.Content.ReadAsStringAsync());

            Assert.Equal(200, (int)cachedFront.StatusCode);
            Assert.Equal(front, await cachedFront.Content.ReadAsStringAsync());
            Assert.Equal(503, (int)uncached.StatusCode);
            Assert.Equal("30", uncached.Headers.RetryAfter!.ToString());
            var page = await MastheadServer.ParseAsync(await uncached.Content.ReadAsStringAsync());
            Assert.Equal("The site is catching its breath", page.QuerySelector("h1")!.TextContent);
            Assert.DoesNotContain("   at ", page.Body!.TextContent);
            Assert.Equal(503, (int)api.StatusCode);
            Assert.Equal("ServiceUnavailableError",
                JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0].GetProperty("type").GetString());
            Assert.Equal(503, (int)write.StatusCode);
            Assert.Contains("Nothing you sent was half-saved", writeAnswer.QuerySelector(".error-page")!.TextContent);

            cutter.Restore();
            var section = await EventuallyAsync(() => server.Client.GetAsync("/section/business"));
            Assert.Equal(200, (int)section.StatusCode);
            Assert.False(await server.InScopeAsync(services =>
                services.GetRequiredService<MastheadDb>().Articles.AnyAsync(a => a.Headline == "Written while the database was away")));
            using var written = await editor.SubmitAsync("/newsroom/articles/new", "form.article-form",
                new() { ["Form.Headline"] = "Written once the database was back", ["Form.BodyMarkdown"] = "Text." }, "intent=save");
            Assert.Equal(302, (int)written.StatusCode);
        }
        finally
        {
            await MastheadServer.DeleteDataAsync(dataDirectory);
        }
    }

    /// <summary>The pool's broken connections are found and replaced on use; a few tries at most.</summary>
    private static async Task<HttpResponseMessage> EventuallyAsync(Func<Task<HttpResponseMessage>> request)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var response = await request();
            if ((int)response.StatusCode != 503 || DateTime.UtcNow > deadline)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(200);
        }
    }
}
