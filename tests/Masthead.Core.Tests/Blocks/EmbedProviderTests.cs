using AngleSharp.Html.Parser;
using Masthead.Core.Text;
using Masthead.Core.Text.Blocks;

namespace Masthead.Core.Tests.Blocks;

/// <summary>Every provider's addresses, recognised from the address alone, and what readers get for each.</summary>
public sealed class EmbedProviderTests
{
    private readonly MarkdownRenderer _renderer = new();
    private readonly HtmlParser _parser = new();

    /// <summary>An address as a writer pastes it, the provider, the frame it loads on a click and its shape.</summary>
    public static TheoryData<string, string, string, string> Providers => new()
    {
        { "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "YouTube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "ratio-16x9" },
        { "https://youtu.be/dQw4w9WgXcQ?t=90", "YouTube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90", "ratio-16x9" },
        { "https://www.youtube.com/shorts/dQw4w9WgXcQ", "YouTube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "ratio-9x16" },
        { "https://vimeo.com/76979871", "Vimeo", "https://player.vimeo.com/video/76979871", "ratio-16x9" },
        { "https://x.com/larkmoor/status/1790000000000000000", "X", "https://platform.twitter.com/embed/Tweet.html?id=1790000000000000000&dnt=true", "height-650" },
        { "https://twitter.com/larkmoor/status/1790000000000000001", "X", "https://platform.twitter.com/embed/Tweet.html?id=1790000000000000001&dnt=true", "height-650" },
        { "https://www.instagram.com/p/C1a2B3c4D5e/", "Instagram", "https://www.instagram.com/p/C1a2B3c4D5e/embed/", "height-750" },
        { "https://www.tiktok.com/@larkmoor/video/7300000000000000000", "TikTok", "https://www.tiktok.com/embed/v2/7300000000000000000", "ratio-9x16" },
        { "https://www.facebook.com/larkmoor/posts/pfbid02abc", "Facebook",
            "https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Flarkmoor%2Fposts%2Fpfbid02abc&show_text=true", "height-600" },
        { "https://www.facebook.com/larkmoor/videos/1234567890/", "Facebook",
            "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Flarkmoor%2Fvideos%2F1234567890%2F&show_text=false", "ratio-16x9" },
        { "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", "Spotify", "https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC", "height-152" },
        { "https://open.spotify.com/show/4rOoJ6Egrf8K2IrywzwOMk", "Spotify", "https://open.spotify.com/embed/show/4rOoJ6Egrf8K2IrywzwOMk", "height-352" },
        { "https://soundcloud.com/larkmoor-lantern/council-minutes", "SoundCloud",
            "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Flarkmoor-lantern%2Fcouncil-minutes&visual=false", "height-166" },
        { "https://podcasts.apple.com/us/podcast/the-lantern/id1500000000?i=1000600000000", "Apple Podcasts",
            "https://embed.podcasts.apple.com/us/podcast/the-lantern/id1500000000?i=1000600000000", "height-175" },
        { "https://www.google.com/maps/embed?pb=!1m18!1m12", "Google Maps", "https://www.google.com/maps/embed?pb=%211m18%211m12", "ratio-4x3" },
        { "https://www.google.com/maps/place/Larkmoor+Town+Hall", "Google Maps", "https://www.google.com/maps?q=Larkmoor%20Town%20Hall&output=embed", "ratio-4x3" },
        { "https://www.google.com/maps/@51.5072,-0.1276,14z", "Google Maps", "https://www.google.com/maps?q=51.5072%2C-0.1276&z=14&output=embed", "ratio-4x3" },
        { "https://datawrapper.dwcdn.net/aBc12/3/", "Datawrapper", "https://datawrapper.dwcdn.net/aBc12/3/", "height-450" },
        { "https://public.flourish.studio/visualisation/1234567/", "Flourish", "https://flo.uri.sh/visualisation/1234567/embed", "height-550" },
        { "https://www.documentcloud.org/documents/24000000-council-budget", "DocumentCloud",
            "https://embed.documentcloud.org/documents/24000000-council-budget/?embed=1", "height-650" },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_link_alone_on_its_line_becomes_a_click_to_load_embed(string address, string provider, string frame, string shape)
    {
        var html = _renderer.Render($"Before.\n\n{address}\n\nAfter.", 200_000, "Body").Html;
        var body = _parser.ParseDocument(html).Body!;

        var figure = Assert.Single(body.QuerySelectorAll("figure.embed"));
        Assert.Equal(frame, figure.GetAttribute("data-embed-src"));
        Assert.Contains(shape, figure.ClassList);
        Assert.Empty(body.QuerySelectorAll("iframe, script"));
        var link = Assert.Single(figure.QuerySelectorAll("a.embed-load"));
        Assert.StartsWith("https://", link.GetAttribute("href"));
        Assert.Equal(provider, link.QuerySelector(".embed-provider")?.TextContent);
        Assert.Contains($"from {provider}", link.TextContent);
        Assert.Equal(["Before.", "After."], body.QuerySelectorAll("p").Select(p => p.TextContent));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void In_plain_text_an_embed_is_its_address(string address, string provider, string frame, string shape)
    {
        _ = (frame, shape);
        var plain = _renderer.Render(address, 200_000, "Body").PlainText;

        Assert.StartsWith($"{provider}: https://", plain);
    }

    [Fact]
    public void A_titled_link_alone_on_its_line_gives_the_embed_its_title()
    {
        var html = _renderer.Render("[The mayor's speech](https://youtu.be/dQw4w9WgXcQ)", 200_000, "Body").Html;
        var figure = _parser.ParseDocument(html).QuerySelector("figure.embed")!;

        Assert.Equal("The mayor's speech", figure.QuerySelector(".embed-title")?.TextContent);
        Assert.Equal("YouTube: The mayor's speech", figure.GetAttribute("data-embed-title"));
    }

    [Theory]
    [InlineData("Watch https://youtu.be/dQw4w9WgXcQ tonight.")]
    [InlineData("- https://youtu.be/dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/@larkmoor")]
    [InlineData("https://example.org/video/1")]
    [InlineData("https://vimeo.com/channels/staffpicks")]
    public void A_link_in_a_sentence_a_list_or_to_another_page_stays_a_link(string markdown)
    {
        var html = _renderer.Render(markdown, 200_000, "Body").Html;

        Assert.Empty(_parser.ParseDocument(html).QuerySelectorAll("figure.embed"));
    }

    [Fact]
    public void A_host_an_administrator_allowed_is_framed_as_it_is_and_no_other()
    {
        var options = BodyOptions.Plain with { ExtraEmbedHosts = ["embed.example.org"] };

        var allowed = _renderer.Render("https://embed.example.org/widget/7", 200_000, "Body", options).Html;
        var other = _renderer.Render("https://widgets.example.net/widget/7", 200_000, "Body", options).Html;

        Assert.Equal("https://embed.example.org/widget/7", _parser.ParseDocument(allowed).QuerySelector("figure.embed")?.GetAttribute("data-embed-src"));
        Assert.Empty(_parser.ParseDocument(other).QuerySelectorAll("figure.embed"));
    }

    [Fact]
    public void Every_frame_comes_from_a_host_the_reader_pages_policy_names()
    {
        foreach (var row in Providers)
        {
            var embed = EmbedProviders.Recognise(row.Data.Item1, [])!;
            Assert.Contains(embed.FrameHost, EmbedProviders.FrameHosts);
        }
    }

    [Theory]
    [InlineData("embed.example.org\nmaps.example.com", null)]
    [InlineData("https://embed.example.org/, maps.example.com", null)]
    [InlineData("not a host!", "'not' is not a host name")]
    [InlineData("javascript:alert(1)", "is not a host name")]
    public void Allowed_hosts_are_host_names(string typed, string? problem)
    {
        var hosts = EmbedProviders.ParseHosts(typed, out var found);

        if (problem is null)
        {
            Assert.Null(found);
            Assert.Equal(["embed.example.org", "maps.example.com"], hosts);
        }
        else
        {
            Assert.Contains(problem, found);
        }
    }
}
