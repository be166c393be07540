using Masthead.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Masthead.Tests.Hosting;

/// <summary>Memory goes back after bulk work only: a blocking collection is never run for a handful of messages.</summary>
public sealed class BulkWorkMemoryTests
{
    [Fact]
    public void Small_jobs_leave_memory_to_the_collector_and_a_large_one_is_returned_once()
    {
        var memory = new BulkWorkMemory(NullLogger<BulkWorkMemory>.Instance);

        memory.Add(1);
        Assert.False(memory.ReturnIfLarge()); // one staff email
        memory.Add(BulkWorkMemory.Threshold - 2);
        Assert.False(memory.ReturnIfLarge());
        memory.Add(1);
        Assert.True(memory.ReturnIfLarge());
        Assert.False(memory.ReturnIfLarge()); // nothing done since
    }

    [Fact]
    public async Task Two_jobs_ending_at_once_collect_once()
    {
        var memory = new BulkWorkMemory(NullLogger<BulkWorkMemory>.Instance);
        memory.Add(BulkWorkMemory.Threshold * 10);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(memory.ReturnIfLarge)));

        Assert.Single(results, collected => collected);
    }
}
