using System.Net;
using Masthead.Testing;

namespace Masthead.Tests.Newsroom;

/// <summary>Sign-in as a browser does it, from a client address of the test's choosing.</summary>
internal static class SignInSteps
{
    /// <summary>What every refused sign-in says first, whatever the reason.</summary>
    public const string Refusal = "That email and password do not match an active staff account.";

    public static readonly (string Email, string Password)[] Everyone =
        [DemoLogins.Administrator, DemoLogins.Editor, DemoLogins.Reporter, DemoLogins.Contributor];

    /// <summary>A new browser whose requests come from <paramref name="address"/>, as a proxy on loopback reports with X-Forwarded-For.</summary>
    public static NewsroomClient BrowserAt(MastheadServer server, string address, string? userAgent = null)
    {
        var browser = new NewsroomClient(server);
        browser.Http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        if (userAgent is not null)
        {
            browser.Http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        }

        return browser;
    }

    /// <summary>Posts the sign-in form: true when it signed in, false when the form came back with the refusal.</summary>
    public static async Task<bool> TrySignInAsync(NewsroomClient browser, (string Email, string Password) login)
    {
        using var response = await browser.SubmitAsync("/newsroom/sign-in", "main form", new() { ["Email"] = login.Email, ["Password"] = login.Password });
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return true;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.StartsWith(Refusal, page.QuerySelector(".errors")?.TextContent.Trim());
        return false;
    }

    /// <summary>Signs in, or fails the test.</summary>
    public static async Task SignInAsync(NewsroomClient browser, (string Email, string Password) login) =>
        Assert.True(await TrySignInAsync(browser, login), $"{login.Email} could not sign in.");

    /// <summary>Presses Sign out in the newsroom's header.</summary>
    public static async Task SignOutAsync(NewsroomClient browser)
    {
        using var response = await browser.SubmitAsync("/newsroom", "form[action='/newsroom/sign-out']", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Whether the browser's session still opens the newsroom (rather than being sent to sign in).</summary>
    public static async Task<bool> IsSignedInAsync(NewsroomClient browser)
    {
        using var response = await browser.Http.GetAsync("/newsroom");
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.Redirect when PathOf(response.Headers.Location!).StartsWith("/newsroom/sign-in", StringComparison.Ordinal) => false,
            var status => throw new InvalidOperationException($"GET /newsroom answered {(int)status}."),
        };
    }

    /// <summary>The path and query of a redirect, whether it names the whole address or only the path.</summary>
    public static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
