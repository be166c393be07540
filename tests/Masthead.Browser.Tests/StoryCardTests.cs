using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>A story card without an image keeps its kicker, headline, standfirst and byline in one column, on every list.</summary>
public sealed class StoryCardTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    [Theory]
    [InlineData("section", "/section/politics")]
    [InlineData("tag", "/tag/budget")]
    [InlineData("author", "/author/tobias-wren")]
    [InlineData("front", "/")]
    public async Task Cards_without_an_image_keep_their_text_in_one_column(string name, string path)
    {
        foreach (var (viewport, width) in new[] { (Viewports.Desktop, "desktop"), (Viewports.Phone, "phone") })
        {
            var page = await site.NewPageAsync(viewport);
            await page.GotoAsync(path);
            await Screenshots.SaveAsync(page, $"cards-{name}-{width}");

            var cards = await page.Locator("main .story:not(:has(.story-image))").AllAsync();
            Assert.True(cards.Count > 0, $"{path} shows no card without an image.");
            foreach (var card in cards)
            {
                var lefts = new List<double>();
                foreach (var part in await card.Locator(":scope > *").AllAsync())
                {
                    lefts.Add((await part.BoundingBoxAsync())!.X);
                }

                var card0 = (await card.BoundingBoxAsync())!;
                Assert.True(lefts.All(x => Math.Abs(x - card0.X) < 1),
                    $"On {path} at {width} width a card without an image has parts starting at {string.Join(", ", lefts)} px, " +
                    $"not all at its left edge {card0.X} px: {await card.InnerTextAsync()}");
            }
        }
    }
}
