using System.Net;
using AngleSharp.Dom;
using Masthead.Core.Publication;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>The publication's logo goes into every page's img, og:image and JSON-LD, so only an image address is kept.</summary>
/// <remarks>One server for the class: each test reads the logo it starts from, whichever test set it.</remarks>
public sealed class LogoAddressTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Theory]
    [InlineData("javascript:alert(document.domain)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("data:image/svg+xml,<svg onload=alert(1)>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("//evil.example/logo.png")]
    [InlineData("/\\evil.example/logo.png")]
    [InlineData("logo.png")]
    public async Task A_logo_address_that_is_not_an_image_address_is_refused_and_the_old_logo_stays(string address)
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        var before = (await Server.InScopeAsync(services => services.GetRequiredService<PublicationService>().GetAsync())).LogoUrl;
        var frontBefore = await Server.GetDocumentAsync("/");
        var logoShownBefore = frontBefore.QuerySelector(".masthead-logo")?.GetAttribute("src");
        var imagesSharedBefore = SharedImages(frontBefore);

        using var response = await admin.SubmitAsync("/newsroom/settings", "form.settings", new() { ["Form.LogoUrl"] = address });
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Give the logo as an http or https address", page.QuerySelector("[data-valmsg-for='Form.LogoUrl']")!.TextContent);
        Assert.Equal(address, page.QuerySelector("input[name='Form.LogoUrl']")!.GetAttribute("value"));
        Assert.Equal(before, (await Server.InScopeAsync(services => services.GetRequiredService<PublicationService>().GetAsync())).LogoUrl);
        var front = await Server.GetDocumentAsync("/");
        Assert.NotNull(logoShownBefore);
        Assert.Equal(logoShownBefore, front.QuerySelector(".masthead-logo")?.GetAttribute("src"));
        Assert.Equal(imagesSharedBefore, SharedImages(front));
    }

    private static List<string?> SharedImages(IDocument page) =>
        [.. page.QuerySelectorAll("meta[property='og:image']").Select(meta => meta.GetAttribute("content"))];

    [Theory]
    [InlineData("/media/new-logo.svg")]
    [InlineData("https://cdn.example.org/logo.png")]
    public async Task An_image_address_on_this_site_or_over_http_is_kept(string address)
    {
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);

        using var response = await admin.SubmitAsync("/newsroom/settings", "form.settings", new() { ["Form.LogoUrl"] = address });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(address, (await Server.GetDocumentAsync("/")).QuerySelector(".masthead-logo")!.GetAttribute("src"));
    }
}
