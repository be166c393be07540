using System.Net;
using Masthead.Testing;
using static Masthead.Tests.Newsroom.SecondFactorSteps;
using static Masthead.Tests.Newsroom.SignInSteps;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// What a browser posts as a passkey is checked by Identity against a challenge this browser was given: anything
/// else (nothing, garbage, an answer with no challenge behind it) signs nobody in, keeps the page, and is audited.
/// Passkeys that work are tested in Chromium (Masthead.Browser.Tests, SecondFactorTests).
/// </summary>
public sealed class PasskeyRefusalTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const string Refusal = "That passkey did not sign you in. Try again, or sign in with your email and password.";

    [Theory]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("{}")]
    [InlineData("""{"id":"AQID","rawId":"AQID","type":"public-key","response":""" +
        """{"clientDataJSON":"e30","authenticatorData":"AA","signature":"AA","userHandle":"MQ"},"clientExtensionResults":{}}""")]
    public async Task A_passkey_answer_without_a_challenge_behind_it_signs_nobody_in(string credential)
    {
        var stranger = BrowserAt(site.Server, "198.51.100.80");
        using var response = await stranger.SubmitAsync("/newsroom/sign-in", "form.passkey-sign-in", new() { ["Credential"] = credential });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal(Refusal, page.QuerySelector(".passkey-sign-in .errors")!.TextContent.Trim());
        Assert.False(await IsSignedInAsync(stranger));
    }

    [Fact]
    public async Task A_refused_passkey_is_audited_with_the_address_it_came_from()
    {
        var stranger = BrowserAt(site.Server, "198.51.100.81");
        using (var options = await stranger.PostAsync("/newsroom/sign-in?handler=PasskeyOptions", [], tokenPage: "/newsroom/sign-in"))
        {
            Assert.Equal("application/json", options.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"challenge\"", await options.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (await stranger.SubmitAsync("/newsroom/sign-in", "form.passkey-sign-in", new() { ["Credential"] = "{}" }))
        {
        }

        using var admin = await NewsroomClient.SignInAsync(site.Server, DemoLogins.Administrator);
        var refused = (await AuditAsync(admin, 10)).Where(e => e.Action == "second-factor-failed").ToList();
        Assert.Contains(refused,
            e => e.Actor == "" && e.Details.StartsWith("passkey refused (", StringComparison.Ordinal) && e.Details.EndsWith("), from 198.51.100.81", StringComparison.Ordinal));
    }
}
