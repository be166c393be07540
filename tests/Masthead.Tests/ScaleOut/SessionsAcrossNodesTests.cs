using System.Net;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Masthead.Tests.Newsroom.SignInSteps;

namespace Masthead.Tests.ScaleOut;

/// <summary>A session ended on one node is refused by the other at once, not when the other's cached check runs out.</summary>
public sealed class SessionsAcrossNodesTests : IAsyncLifetime
{
    // Stands still, so node B's cached "open" never runs out by itself: only the ended session's event can end it.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TwoNodes _nodes = null!;

    public async ValueTask InitializeAsync() => _nodes = await TwoNodes.StartAsync(services => services.AddSingleton<TimeProvider>(_clock));

    public async ValueTask DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task A_cookie_signed_out_on_node_A_is_refused_by_node_B()
    {
        var editor = BrowserAt(_nodes.A, "203.0.113.80");
        await SignInAsync(editor, DemoLogins.Editor);
        var stolen = editor.Cookies.GetCookieHeader(_nodes.A.BaseAddress);
        using var thief = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _nodes.B.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, await StatusOnBAsync(thief, stolen)); // node B has checked the session and remembers it open

        await SignOutAsync(editor);

        await TwoNodes.EventuallyAsync(async () => await StatusOnBAsync(thief, stolen) == HttpStatusCode.Redirect, "node B refuses the signed-out cookie");
    }

    [Fact]
    public async Task Signing_out_everywhere_else_on_node_A_ends_the_session_being_used_on_node_B()
    {
        var laptop = BrowserAt(_nodes.A, "203.0.113.81");
        var phone = BrowserAt(_nodes.B, "203.0.113.82");
        await SignInAsync(laptop, DemoLogins.Reporter);
        await SignInAsync(phone, DemoLogins.Reporter);
        Assert.True(await IsSignedInAsync(phone));
        var profile = (await laptop.GetDocumentAsync("/newsroom")).QuerySelectorAll(".desk-user a").Single(a => a.TextContent == "My profile").GetAttribute("href")!;

        using var everywhereElse = await laptop.SubmitAsync(profile, "form.end-other-sessions", []);

        Assert.Equal(HttpStatusCode.Redirect, everywhereElse.StatusCode);
        await TwoNodes.EventuallyAsync(async () => !await IsSignedInAsync(phone), "node B refuses the phone's ended session");
        Assert.True(await IsSignedInAsync(laptop));
    }

    private static async Task<HttpStatusCode> StatusOnBAsync(HttpClient thief, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/newsroom");
        request.Headers.Add("Cookie", cookie);
        using var response = await thief.SendAsync(request);
        return response.StatusCode;
    }
}
