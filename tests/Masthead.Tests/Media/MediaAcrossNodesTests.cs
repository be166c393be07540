using System.Net;
using System.Text.Json;
using Masthead.Testing;

namespace Masthead.Tests.Media;

/// <summary>
/// Two nodes sharing one database, one Redis and one S3 bucket (s3rver): a file uploaded on one is served by the
/// other at once, a replacement shows on both, nothing lands on a node's own disk, and a bucket that goes away
/// gets a clear 503 with nothing half-stored.
/// </summary>
public sealed class MediaAcrossNodesTests : IAsyncLifetime
{
    private readonly string _dataDirectory = MastheadServer.NewDataDirectory();
    private readonly List<IAsyncDisposable> _started = [];
    private S3rverProcess _s3rver = null!;
    private MastheadServer _a = null!;
    private MastheadServer _b = null!;

    public async ValueTask InitializeAsync()
    {
        _s3rver = await Started(S3rverProcess.StartAsync());
        var redis = await Started(RedisProcess.StartAsync());
        string[] settings = [.. _s3rver.ServerArguments, redis.ServerArgument];
        _a = await Started(MastheadServer.StartAsync(demo: true, dataDirectory: _dataDirectory, services: null, settings));
        _b = await Started(MastheadServer.StartAsync(demo: true, dataDirectory: _dataDirectory, services: null, settings));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var started in Enumerable.Reverse(_started))
        {
            await started.DisposeAsync();
        }

        await MastheadServer.DeleteDataAsync(_dataDirectory);
    }

    [Fact]
    public async Task An_upload_on_one_node_is_served_by_the_other_at_once_from_the_bucket()
    {
        using var onA = await MediaClient.SignInAsync(_a, DemoLogins.Reporter);

        var item = await onA.UploadItemAsync("harbour.jpg", TestImages.Photo(1000, 700, 1));
        var files = MediaUploadTests.Files(item, "width");
        var key = item.GetProperty("key").GetString()!;

        Assert.Equal(files.Count + 1, _s3rver.Objects().Count(o => o.StartsWith(key + "/", StringComparison.Ordinal))); // and the social preview
        Assert.False(Directory.Exists(Path.Combine(_dataDirectory, "uploads", key)));
        foreach (var file in files)
        {
            Assert.Equal(await _a.Client.GetByteArrayAsync(file.Url), await _b.Client.GetByteArrayAsync(file.Url));
        }

        using var ownOnB = await _b.Client.GetAsync(item.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, ownOnB.StatusCode);
        Assert.Equal("image/jpeg", ownOnB.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_file_replaced_on_one_node_is_the_one_the_other_serves()
    {
        using var onA = await MediaClient.SignInAsync(_a, DemoLogins.Reporter);
        var item = await onA.UploadItemAsync("plan.jpg", TestImages.Photo(600, 400, 1));
        var url = item.GetProperty("url").GetString()!;
        Assert.Equal(600, TestImages.Read(await _b.Client.GetByteArrayAsync(url)).Width); // B now holds the item

        using var replaced = await onA.UploadAsync("plan-v2.png", TestImages.Png(800, 400), path: $"{MediaClient.Api}/{item.GetProperty("id").GetInt32()}/file");
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        await Eventually.TrueAsync(async () =>
        {
            using var served = await _b.Client.GetAsync(url);
            return served.Content.Headers.ContentType?.MediaType == "image/png";
        }, "node B serves the replacement");
        Assert.DoesNotContain(_s3rver.Objects(),
            o => o.StartsWith($"{item.GetProperty("key").GetString()}/{item.GetProperty("hash").GetString()![..10]}/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bucket_that_goes_away_gets_a_503_and_nothing_is_half_stored()
    {
        using var onA = await MediaClient.SignInAsync(_a, DemoLogins.Editor);
        var before = (await onA.GetJsonAsync($"{MediaClient.Api}?limit=1")).GetProperty("total").GetInt32();
        var objects = _s3rver.Objects().Count;
        await _s3rver.StopAsync();

        using var refused = await onA.UploadAsync("storm.jpg", TestImages.Photo(500, 400, 1));
        var problem = await MediaClient.ProblemAsync(refused);
        await _s3rver.StartAgainAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("nothing was stored", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await onA.GetJsonAsync($"{MediaClient.Api}?limit=1")).GetProperty("total").GetInt32());
        Assert.Equal(objects, _s3rver.Objects().Count);
        await onA.UploadItemAsync("storm.jpg", TestImages.Photo(500, 400, 1));
    }

    [Fact]
    public async Task The_demo_publications_illustrations_are_library_items_in_the_bucket()
    {
        using var admin = await MediaClient.SignInAsync(_b, DemoLogins.Administrator);
        var list = await admin.GetJsonAsync($"{MediaClient.Api}?q=city+hall");
        var cityHall = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("fileName").GetString() == "city-hall.svg");

        Assert.StartsWith("Flat illustration of a domed city hall", cityHall.GetProperty("alt").GetString(), StringComparison.Ordinal);
        Assert.Contains(_s3rver.Objects(), o => o.EndsWith("/city-hall.svg", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await _b.Client.GetAsync(cityHall.GetProperty("url").GetString())).StatusCode);
    }

    private async Task<T> Started<T>(Task<T> starting) where T : IAsyncDisposable
    {
        var started = await starting;
        _started.Add(started);
        return started;
    }
}

/// <summary>Waits for something another node does after a change reaches it over Redis.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited 15 s and still not: {what}.");
            await Task.Delay(50);
        }
    }
}
