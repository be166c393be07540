using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Masthead.Core.Sections;
using Masthead.Testing;
using Masthead.Tests.Newsroom;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Feeds;

/// <summary>
/// Markup typed into a standfirst or a description reaches feed readers as the text it is: RSS readers take a
/// description as HTML, so it must arrive encoded; Atom and JSON Feed carry it as text.
/// </summary>
public sealed class FeedMarkupTests
{
    private const string Standfirst = "<img src=x onerror=\"window.pwned=1\"> The vote & the <b>count</b>";
    private const string SectionDescription = "<script>window.pwned=1</script><i onmouseover=\"window.pwned=1\">Votes</i> & counts";

    [Fact]
    public async Task Rss_descriptions_decode_to_the_text_that_was_typed_never_to_markup()
    {
        await using var server = await MastheadServer.StartAsync();
        using var editor = await NewsroomClient.SignInAsync(server, DemoLogins.Editor);
        var politics = await server.InScopeAsync(services => services.GetRequiredService<SectionService>().GetBySlugAsync("politics"));
        (await editor.SubmitAsync($"/newsroom/sections/{politics!.Id}", "form[action*='handler=Save']",
            new() { ["Form.Name"] = "Politics", ["Form.Slug"] = "politics", ["Form.Description"] = SectionDescription })).Dispose();
        var id = await editor.WriteAsync("Markup in the standfirst", "The body.",
            new() { ["Form.Standfirst"] = Standfirst, ["Form.SectionId"] = $"{politics.Id}" });
        (await editor.StepAsync(id, "Publish")).Dispose();

        foreach (var path in new[] { "/feed.xml", "/section/politics/feed.xml" })
        {
            var channel = XDocument.Parse(await server.Client.GetStringAsync(path)).Root!.Element("channel")!;
            var item = channel.Elements("item").Single(i => i.Element("title")!.Value == "Markup in the standfirst");
            AssertTextWhenReadAsHtml(Standfirst, item.Element("description")!.Value);
            if (path.StartsWith("/section", StringComparison.Ordinal))
            {
                AssertTextWhenReadAsHtml(SectionDescription, channel.Element("description")!.Value);
            }
        }

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = XDocument.Parse(await server.Client.GetStringAsync("/feed.atom")).Root!.Elements(atom + "entry")
            .Single(e => e.Element(atom + "title")!.Value == "Markup in the standfirst");
        Assert.Equal("text", entry.Element(atom + "summary")!.Attribute("type")?.Value ?? "text");
        Assert.Equal(Standfirst, entry.Element(atom + "summary")!.Value);
        var json = JsonDocument.Parse(await server.Client.GetStringAsync("/feed.json")).RootElement.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("title").GetString() == "Markup in the standfirst");
        Assert.Equal(Standfirst, json.GetProperty("summary").GetString());
    }

    /// <summary>What a feed reader does with an RSS description: it parses the (XML-decoded) text as HTML.</summary>
    private static void AssertTextWhenReadAsHtml(string typed, string description)
    {
        var body = new HtmlParser().ParseDocument($"<body>{description}</body>").Body!;
        Assert.Empty(body.Children);
        Assert.Equal(typed, body.TextContent);
    }
}
