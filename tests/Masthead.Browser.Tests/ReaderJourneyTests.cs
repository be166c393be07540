using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>A reader lands on the front page, reads the masthead, and clicks through to the lead story.</summary>
public sealed class ReaderJourneyTests(BrowserSiteFixture site) : IClassFixture<BrowserSiteFixture>
{
    [Fact]
    public async Task Front_page_masthead_and_lead_story_read_as_published()
    {
        var publication = await ReaderExpectations.PublicationAsync(site.Server);
        var page = await site.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });

        await page.GotoAsync("/");
        await Screenshots.SaveAsync(page, "front-desktop");

        var masthead = page.Locator("header.masthead");
        Assert.Equal(publication.Name, (await masthead.Locator(".masthead-name").InnerTextAsync()).Trim());
        Assert.Equal(publication.Tagline, (await masthead.Locator(".masthead-tagline").InnerTextAsync()).Trim());
        var contact = masthead.Locator(".masthead-contact");
        Assert.StartsWith("Let's talk:", (await contact.InnerTextAsync()).Trim());
        var mailto = contact.GetByRole(AriaRole.Link, new() { Name = publication.ContactEmail });
        Assert.Equal($"mailto:{publication.ContactEmail}", await mailto.GetAttributeAsync("href"));

        var leadLink = page.GetByRole(AriaRole.Region, new() { Name = "Lead story" })
            .GetByRole(AriaRole.Heading).GetByRole(AriaRole.Link);
        var leadText = (await leadLink.InnerTextAsync()).Trim();
        var leadPath = await leadLink.GetAttributeAsync("href") ?? throw new InvalidOperationException("The lead link has no href.");
        await leadLink.ClickAsync();
        await page.WaitForURLAsync(new Uri(site.Server.BaseAddress, leadPath).ToString());

        var article = await ReaderExpectations.ArticleAsync(site.Server, leadPath);
        var headline = (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Trim();
        Assert.Equal(leadText, headline);
        Assert.Equal($"{headline} - {publication.Name}", await page.EvaluateAsync<string>("() => document.title"));

        var byline = page.Locator(".byline");
        Assert.NotEmpty(article.Summary.Authors);
        foreach (var author in article.Summary.Authors)
        {
            var entry = byline.Locator(".byline-author").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = author.Name, Exact = true }) });
            Assert.Equal(1, await entry.CountAsync());
            Assert.True(await entry.IsVisibleAsync(), $"{author.Name} is not visible in the byline.");
            Assert.Equal(author.JobTitle, (await entry.Locator(".byline-title").InnerTextAsync()).Trim());
        }

        var dateline = byline.Locator("time[datetime]").First;
        Assert.True(await dateline.IsVisibleAsync(), "The dateline is not visible.");
        Assert.NotEqual("", (await dateline.InnerTextAsync()).Trim());
        var published = DateTimeOffset.Parse(await dateline.GetAttributeAsync("datetime") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateTime.SpecifyKind(article.Summary.PublishedAt, DateTimeKind.Utc), published.UtcDateTime, TimeSpan.FromSeconds(1));

        var paragraphs = page.Locator(".article-body p");
        Assert.True(await paragraphs.CountAsync() >= 2, "The article body has fewer than two paragraphs.");
        Assert.True(await paragraphs.First.IsVisibleAsync(), "The first paragraph of the body is not visible.");

        await Screenshots.SaveAsync(page, "article-desktop");
    }

    [Fact]
    public async Task Article_fits_a_390px_phone_without_horizontal_scrolling()
    {
        var article = await site.PageAsync("article");
        var page = await site.NewPageAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
        });

        await page.GotoAsync(article.Path);
        await Screenshots.SaveAsync(page, "article-mobile");

        var overflow = await page.EvaluateAsync<string[]>("""
            () => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return [];
              return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 0.5)
                .map(e => {
                  const classes = e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : '';
                  return `${e.tagName.toLowerCase()}${classes} (right edge ${Math.round(e.getBoundingClientRect().right)}px)`;
                })
                .slice(0, 20);
            }
            """);
        Assert.True(overflow.Length == 0,
            $"{article.Path} scrolls sideways at 390px; wider than the viewport:\n  {string.Join("\n  ", overflow)}");
    }
}
