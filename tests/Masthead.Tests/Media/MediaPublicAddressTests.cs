using Masthead.Testing;

namespace Masthead.Tests.Media;

/// <summary>With Masthead__Media__PublicBaseUrl, readers fetch files straight from the bucket's address or its CDN.</summary>
public sealed class MediaPublicAddressTests : IAsyncLifetime
{
    private MastheadServer _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await MastheadServer.StartAsync(demo: true, dataDirectory: null, services: null, "--Masthead:Media:PublicBaseUrl=https://media.example.org/");

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Reader_pages_name_files_at_the_public_address_and_content_keeps_the_items_own()
    {
        var front = await _server.GetDocumentAsync("/");
        using var admin = await MediaClient.SignInAsync(_server, DemoLogins.Administrator);
        var item = (await admin.GetJsonAsync($"{MediaClient.Api}?q=logo")).GetProperty("items")[0];

        Assert.Matches("^https://media\\.example\\.org/[a-z2-7]{12}/[0-9a-f]{10}/logo\\.svg$", front.QuerySelector("img.masthead-logo")!.GetAttribute("src"));
        Assert.All(front.QuerySelectorAll(".story-image img"), img => Assert.StartsWith("https://media.example.org/", img.GetAttribute("src"), StringComparison.Ordinal));
        Assert.Matches("^/media/[a-z2-7]{12}/logo\\.svg$", item.GetProperty("url").GetString());
        Assert.StartsWith("https://media.example.org/", item.GetProperty("fileUrl").GetString(), StringComparison.Ordinal);
    }
}
