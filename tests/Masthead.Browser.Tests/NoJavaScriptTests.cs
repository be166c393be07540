using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>Server-rendered pages need no JavaScript: a reader with it switched off reads the whole story.</summary>
public sealed class NoJavaScriptTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    [Fact]
    public async Task Article_is_fully_readable_with_JavaScript_disabled()
    {
        var page = await site.NewPageAsync(new() { JavaScriptEnabled = false });
        await page.GotoAsync("/");
        var leadLink = page.GetByRole(AriaRole.Region, new() { Name = "Lead story" })
            .GetByRole(AriaRole.Heading).GetByRole(AriaRole.Link);
        var leadPath = await leadLink.GetAttributeAsync("href") ?? throw new InvalidOperationException("The lead link has no href.");
        await leadLink.ClickAsync();
        // The test reads the server-rendered document; waiting for every image's load event only adds a way to time out.
        await page.WaitForURLAsync(new Uri(site.Server.BaseAddress, leadPath).ToString(), new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        var article = await ReaderExpectations.ArticleAsync(site.Server, leadPath);
        var summary = article.Summary;
        Assert.Equal(summary.Headline, (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Trim());
        if (!string.IsNullOrWhiteSpace(summary.Standfirst))
        {
            Assert.Equal(summary.Standfirst, (await page.Locator(".article-standfirst").InnerTextAsync()).Trim());
        }

        Assert.NotEmpty(summary.Authors);
        foreach (var author in summary.Authors)
        {
            Assert.True(await page.Locator(".byline").GetByRole(AriaRole.Link, new() { Name = author.Name, Exact = true }).IsVisibleAsync(),
                $"{author.Name} is not visible in the byline.");
        }

        Assert.True(await page.Locator(".dateline time[datetime]").First.IsVisibleAsync(), "The dateline is not visible.");

        var blocks = page.Locator(".article-body > *");
        var count = await blocks.CountAsync();
        Assert.True(count >= 2, "The article body is (nearly) empty.");
        for (var i = 0; i < count; i++)
        {
            var block = blocks.Nth(i);
            Assert.True(await block.IsVisibleAsync(), $"Body block {i + 1} of {count} is hidden without JavaScript: {await block.TextContentAsync()}");
            Assert.NotEqual("", (await block.InnerTextAsync()).Trim());
        }

        if (summary.LeadImage is { } image)
        {
            Assert.True(await page.GetByRole(AriaRole.Img, new() { Name = image.Alt }).IsVisibleAsync(), "The lead image is not visible.");
        }
    }
}
