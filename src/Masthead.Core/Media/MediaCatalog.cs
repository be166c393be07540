using Masthead.Core.Caching;
using Masthead.Core.Storage;

namespace Masthead.Core.Media;

/// <summary>
/// Library items by key, held for reader pages and for serving items' addresses; cleared on every node when an
/// item changes (<see cref="Events.MediaChanged"/>). Keys that name no item are held too, as null.
/// </summary>
public sealed class MediaCatalog() : ClearableCache<string, MediaItemView?>(StringComparer.Ordinal);

/// <summary>Finds the library item behind an image address, through <see cref="MediaCatalog"/>.</summary>
public sealed class MediaLookup(MediaCatalog catalog, MastheadDb db)
{
    /// <summary>The item an address such as /media/{key}/photo.jpg names; null for an address elsewhere or an item that is gone.</summary>
    public async ValueTask<MediaItemView?> FindAsync(string? address, CancellationToken cancellationToken = default) =>
        MediaAddresses.TryGetKey(address, out var key) ? await FindByKeyAsync(key, cancellationToken) : null;

    public ValueTask<MediaItemView?> FindByKeyAsync(string key, CancellationToken cancellationToken = default) =>
        catalog.GetOrLoadAsync(key, () => new MediaQueries(db).FindByKeyAsync(key, cancellationToken));
}
