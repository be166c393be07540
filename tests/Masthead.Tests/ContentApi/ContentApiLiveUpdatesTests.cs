using Masthead.Core.Live;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ContentApi;

/// <summary>A story followed for days gathers hundreds of updates: a list of posts carries its newest, the post itself all.</summary>
public sealed class ContentApiLiveUpdatesTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    [Fact]
    public async Task A_list_carries_a_developing_storys_newest_updates_and_the_post_all_of_them()
    {
        const int total = 25;
        var api = await ContentApiClient.WithNewKeyAsync(site.Server);
        await site.Server.InScopeAsync(async s =>
        {
            var id = await s.GetRequiredService<MastheadDb>().Articles.Where(a => a.Slug == "transit-fare-vote").Select(a => a.Id).SingleAsync();
            var live = s.GetRequiredService<LiveService>();
            await live.StartAsync(Actor.System, id);
            for (var i = 1; i <= total; i++)
            {
                await live.PostAsync(Actor.System, id, new LiveUpdateInput($"Update {i}", $"Count {i} of the vote."));
            }
        });

        var listed = (await api.GetAsync("posts/?filter=slug:transit-fare-vote")).GetProperty("posts")[0].GetProperty("live");
        var read = (await api.GetAsync("posts/slug/transit-fare-vote/")).GetProperty("posts")[0].GetProperty("live");

        Assert.Equal(total, listed.GetProperty("update_count").GetInt32());
        var newest = listed.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("title").GetString()).ToList();
        Assert.Equal(Enumerable.Range(6, 20).Reverse().Select(i => $"Update {i}"), newest);
        Assert.Equal(total, read.GetProperty("update_count").GetInt32());
        Assert.Equal(total, read.GetProperty("updates").GetArrayLength());
    }
}
