using Masthead.Core.Caching;

namespace Masthead.Core.Tests;

public sealed class ClearableCacheTests
{
    [Fact]
    public async Task A_value_read_is_kept_until_a_clear()
    {
        var cache = new ClearableCache<string, int>();
        var reads = 0;

        Assert.Equal(1, await cache.GetOrLoadAsync("front", () => Task.FromResult(++reads)));
        Assert.Equal(1, await cache.GetOrLoadAsync("front", () => Task.FromResult(++reads)));
        cache.Clear();
        Assert.Equal(2, await cache.GetOrLoadAsync("front", () => Task.FromResult(++reads)));
    }

    [Fact]
    public async Task A_value_whose_reading_overlapped_a_clear_is_returned_but_not_kept()
    {
        var cache = new ClearableCache<string, string>();
        var read = await cache.GetOrLoadAsync("settings", () =>
        {
            cache.Clear(); // a change commits while the old value is being read
            return Task.FromResult("before the change");
        });

        Assert.Equal("before the change", read);
        Assert.False(cache.TryGet("settings", out _));
    }

    [Fact]
    public void Removing_one_value_also_refuses_a_reading_of_it_under_way()
    {
        var cache = new ClearableCache<string, int>();
        var generation = cache.Generation;
        cache.Keep("kept", 1, generation);
        var reading = cache.Generation;

        cache.Remove("revoked");
        cache.Keep("revoked", 2, reading);

        Assert.True(cache.TryGet("kept", out _));
        Assert.False(cache.TryGet("revoked", out _));
    }

    [Fact]
    public async Task One_value_is_held_and_cleared_like_many()
    {
        var value = new ClearableValue<string>();
        Assert.Null(value.Current);

        await value.GetOrLoadAsync(() => Task.FromResult("first"));
        Assert.Equal("first", value.Current);
        Assert.Equal("first", await value.GetOrLoadAsync(() => Task.FromResult("second")));
        Assert.Equal("reloaded", await value.LoadAsync(() => Task.FromResult("reloaded")));
        Assert.Equal("reloaded", value.Current);

        value.Clear();
        Assert.Null(value.Current);
    }
}
