namespace Masthead.Core.Caching;

/// <summary>
/// Counts a cache's clears. A value is read from the database, then kept; a clear between the two means the value may
/// predate the change that cleared the cache, so whoever read it notes the generation first and keeps the value only
/// if no clear came since.
/// </summary>
public sealed class CacheGeneration
{
    private long _current;

    public long Current => Interlocked.Read(ref _current);

    /// <summary>Marks a clear; returns the new generation.</summary>
    public long Advance() => Interlocked.Increment(ref _current);

    public bool HasAdvancedSince(long seen) => Current != seen;
}
