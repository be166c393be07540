using Masthead.Core.Events;
using Masthead.Core.Publication;

namespace Masthead.Core.SiteData;

/// <summary>
/// Holds the current <see cref="SiteDataSnapshot"/> between requests. Every SiteChanged clears it and the publication
/// settings; a snapshot loaded while a change was being made is not kept, so a reader never sees the old state for long.
/// </summary>
public sealed class SiteDataCache(PublicationCache publication)
{
    private volatile SiteDataSnapshot? _current;
    private int _generation;

    internal SiteDataSnapshot? Current => _current;

    internal int Generation => Volatile.Read(ref _generation);

    internal void Set(SiteDataSnapshot snapshot, int loadedAtGeneration)
    {
        _current = snapshot;
        if (Generation != loadedAtGeneration)
        {
            _current = null; // cleared while loading: the snapshot may predate the change
        }
    }

    /// <summary>Forgets everything held; the next request loads it again. Also called when another node reports a change.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _current = null;
        publication.Clear();
    }
}

/// <summary>Clears the cache after every committed change to settings, sections, tags, staff or static pages.</summary>
internal sealed class SiteDataInvalidation(SiteDataCache cache) : IEventHandler<SiteChanged>
{
    public Task HandleAsync(SiteChanged domainEvent, CancellationToken cancellationToken)
    {
        cache.Clear();
        return Task.CompletedTask;
    }
}
