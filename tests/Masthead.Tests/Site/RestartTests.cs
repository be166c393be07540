using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Site;

public sealed class RestartTests
{
    [Fact]
    public async Task A_first_run_seeds_the_demo_and_a_restart_keeps_the_database_as_it_is()
    {
        var dataDirectory = MastheadServer.NewDataDirectory();
        try
        {
            int articlesBefore;
            await using (var first = await MastheadServer.StartAsync(demo: true, dataDirectory))
            {
                articlesBefore = await CountArticlesAsync(first);
                Assert.True(articlesBefore >= 20);
                await first.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Articles
                    .Where(a => a.Slug == "council-budget-night")
                    .ExecuteUpdateAsync(set => set.SetProperty(a => a.Headline, "Edited before the restart")));
            }

            await using var second = await MastheadServer.StartAsync(demo: true, dataDirectory);

            Assert.Equal(articlesBefore, await CountArticlesAsync(second));
            var headline = await second.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Articles
                .Where(a => a.Slug == "council-budget-night").Select(a => a.Headline).SingleAsync());
            Assert.Equal("Edited before the restart", headline);
        }
        finally
        {
            await MastheadServer.DeleteDataAsync(dataDirectory);
        }
    }

    [Fact]
    public async Task Without_the_demo_a_new_site_starts_empty_and_still_serves_its_pages()
    {
        await using var server = await MastheadServer.StartAsync(demo: false);

        var front = await server.GetDocumentAsync("/");

        Assert.Equal("Nothing has been published yet.", front.QuerySelector(".empty")!.TextContent);
        Assert.Equal(200, (int)(await server.Client.GetAsync("/staff")).StatusCode);
        Assert.Equal(200, (int)(await server.Client.GetAsync("/contact")).StatusCode);
    }

    private static Task<int> CountArticlesAsync(MastheadServer server) =>
        server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Articles.CountAsync());
}
