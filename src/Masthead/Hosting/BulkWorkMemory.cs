namespace Masthead.Hosting;

/// <summary>
/// Returns the memory a bulk job (a newsletter queued or delivered to thousands of readers) left behind. Such a job
/// allocates hundreds of megabytes that are garbage once it ends (a send to 10,000 readers: 390 MB on the heap,
/// 36 MB of it live), but the server collector collects its oldest generation only when the machine runs short, so
/// the process kept that memory, on a server a small newsroom may use for other things too. One blocking, compacting
/// collection after the job gives it back to the system.
/// </summary>
public sealed class BulkWorkMemory(ILogger<BulkWorkMemory> logger)
{
    /// <summary>Below this many items since the last return, a job's garbage is left to the collector as usual.</summary>
    public const int Threshold = 1_000;

    private int _done;

    /// <summary>Counts items a bulk job has done; they are returned with <see cref="ReturnIfLarge"/>.</summary>
    public void Add(int items) => Interlocked.Add(ref _done, items);

    /// <summary>Call when the job has nothing left in hand: collects once when enough was done since the last time.</summary>
    /// <returns>True when it collected.</returns>
    public bool ReturnIfLarge()
    {
        var done = Volatile.Read(ref _done);
        if (done < Threshold || Interlocked.CompareExchange(ref _done, 0, done) != done)
        {
            return false;
        }

        var before = Environment.WorkingSet;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        logger.LogInformation("After {Items} items of bulk work, {Returned} MB of memory went back to the system", done, (before - Environment.WorkingSet) >> 20);
        return true;
    }
}
