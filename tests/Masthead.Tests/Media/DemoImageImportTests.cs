using System.Net;
using Masthead.Core.Media;
using Masthead.Core.Storage;
using Masthead.Hosting;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Media;

/// <summary>The demo's illustrations, portraits and logo are seeded as library items.</summary>
public sealed class DemoImageSeedTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task The_demo_is_seeded_with_its_images_as_library_items_with_their_alt_text_and_credits()
    {
        var (items, uses, articles) = await Server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            return (await db.MediaItems.AsNoTracking().ToListAsync(), await db.MediaUses.AsNoTracking().ToListAsync(),
                await db.Articles.AsNoTracking().Where(a => a.LeadImage != null).Select(a => a.LeadImage!.Url).ToListAsync());
        });

        Assert.Equal(15, items.Count); // ten illustrations, four portraits, the logo
        Assert.All(items, item => Assert.False(string.IsNullOrWhiteSpace(item.Alt)));
        Assert.Equal("Illustration: Mira Castellane/The Larkmoor Lantern", items.Single(i => i.FileName == "city-hall.svg").Credit);
        Assert.All(articles, url => Assert.Matches("^/media/[a-z2-7]{12}/[a-z-]+\\.svg$", url));
        Assert.Equal(articles.Count, uses.Count(u => u.Place == MediaPlace.ArticleLeadImage));
        Assert.Equal(4, uses.Count(u => u.Place == MediaPlace.StaffPhoto));
        Assert.Single(uses, u => u.Place == MediaPlace.PublicationLogo);
        Assert.Equal(HttpStatusCode.OK, (await Server.Client.GetAsync("/demo/images/city-hall.svg")).StatusCode); // the old address still answers
    }
}

/// <summary>
/// A database seeded before the library existed has its demo images brought over at start-up, without losing
/// anything or copying a file twice. A class of its own: it changes the articles the seeding test counts.
/// </summary>
public sealed class DemoImageImportTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task A_database_still_pointing_at_the_demo_files_is_brought_over_at_start_up_reusing_what_is_there()
    {
        var slug = await Server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            var article = await db.Articles.Where(a => a.LeadImage != null).OrderBy(a => a.Id).FirstAsync();
            article.LeadImage = new Core.Articles.LeadImage { Url = "/demo/images/market.svg", Alt = "A market", Credit = "Lantern staff" };
            var ravi = await db.Staff.SingleAsync(s => s.Slug == "ravi-holmgren");
            ravi.PhotoUrl = "/demo/staff/ravi-holmgren.svg";
            var other = await db.Articles.Where(a => a.LeadImage != null).OrderBy(a => a.Id).Skip(1).FirstAsync();
            other.LeadImage = new Core.Articles.LeadImage { Url = "https://images.example.org/elsewhere.jpg", Alt = "Elsewhere" };
            await db.SaveChangesAsync();
            return (article.Slug, other.Slug);
        });
        var before = await CountAsync();

        await DatabaseStartup.ImportDemoImagesAsync(Server.Services); // what every start does

        var (market, photo, elsewhere) = await Server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            return (await db.Articles.Where(a => a.Slug == slug.Item1).Select(a => a.LeadImage!.Url).SingleAsync(),
                await db.Staff.Where(s => s.Slug == "ravi-holmgren").Select(s => s.PhotoUrl).SingleAsync(),
                await db.Articles.Where(a => a.Slug == slug.Item2).Select(a => a.LeadImage!.Url).SingleAsync());
        });
        Assert.Matches("^/media/[a-z2-7]{12}/market\\.svg$", market);
        Assert.Matches("^/media/[a-z2-7]{12}/ravi-holmgren\\.svg$", photo);
        Assert.Equal("https://images.example.org/elsewhere.jpg", elsewhere);
        Assert.Equal(before, await CountAsync()); // the same files were there: no new items
        var page = await Server.GetDocumentAsync((await Server.ArticleAsync(slug.Item1)).Path);
        Assert.StartsWith($"{market[..20]}", page.QuerySelector("figure.lead-image img")!.GetAttribute("src"), StringComparison.Ordinal);
    }

    private Task<int> CountAsync() => Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().MediaItems.CountAsync());
}
