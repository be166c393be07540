using System.Net;
using Masthead.Testing;

namespace Masthead.Tests.Newsroom;

public sealed class SignInTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task The_newsroom_sends_anonymous_visitors_to_sign_in()
    {
        using var response = await Server.Client.GetAsync("/newsroom");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/newsroom/sign-in", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Staff_sign_in_with_email_and_password_and_see_their_dashboard()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        var dashboard = await editor.GetDocumentAsync("/newsroom");

        Assert.Equal("Good to see you, Anaya Kessler", dashboard.QuerySelector("h1")!.TextContent);
        Assert.Equal(["My drafts", "Review queue", "Scheduled", "Recently published"],
            dashboard.QuerySelectorAll(".desk-list h2").Select(h => h.FirstChild!.TextContent.Trim()));
        Assert.True((await editor.Http.GetAsync("/newsroom")).Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site()
    {
        var client = new NewsroomClient(Server);
        var page = await client.GetDocumentAsync("/newsroom/sign-in");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form")!;
        using var response = await client.SubmitAsync(form, new() { ["Email"] = DemoLogins.Reporter.Email, ["Password"] = DemoLogins.Reporter.Password },
            pagePath: "/newsroom/sign-in");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("masthead.staff=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_the_email_kept()
    {
        var client = new NewsroomClient(Server);

        using var response = await client.SubmitAsync("/newsroom/sign-in", "form", new() { ["Email"] = DemoLogins.Reporter.Email, ["Password"] = "not the password" });
        var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("do not match", page.QuerySelector(".errors")!.TextContent);
        Assert.Equal(DemoLogins.Reporter.Email, page.QuerySelector("input[name=Email]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_per_client()
    {
        await using var server = await MastheadServer.StartAsync(demo: false, extraArgs: "--Masthead:RateLimits:SignInsPerMinute=3");
        var client = new NewsroomClient(server);
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var response = await client.SubmitAsync("/newsroom/sign-in", "form", new() { ["Email"] = "nobody@example.org", ["Password"] = "wrong password" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var client = new NewsroomClient(Server);

        using var response = await client.Http.PostAsync("/newsroom/sign-in",
            new FormUrlEncodedContent([new("Email", DemoLogins.Editor.Email), new("Password", DemoLogins.Editor.Password)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var reporter = await NewsroomClient.SignInAsync(Server, DemoLogins.Reporter);

        using var signOut = await reporter.SubmitAsync("/newsroom", "form[action='/newsroom/sign-out']", []);
        using var after = await reporter.Http.GetAsync("/newsroom");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.StartsWith("/newsroom/sign-in", after.Headers.Location!.PathAndQuery);
    }
}
