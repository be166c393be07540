namespace Masthead.Core.Media;

/// <summary>
/// Where media files live: the data directory (one node) or an S3-compatible bucket (several nodes). Paths are
/// relative, with / between parts, e.g. "k3j4h5g6m2xq/9f8e7d6c5b/640.webp". A store that cannot be reached throws
/// <see cref="MediaStoreUnavailableException"/>, never loses a file silently.
/// </summary>
public interface IMediaStore
{
    /// <summary>Where the files are, for messages: "the directory /srv/data/uploads", "the bucket media at https://...".</summary>
    string Description { get; }

    /// <summary>Stores a whole file; it is readable only once complete, never half-written.</summary>
    Task PutAsync(string path, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>Size, date and entity tag of a stored file; null when there is none.</summary>
    Task<MediaFileInfo?> StatAsync(string path, CancellationToken cancellationToken);

    /// <summary>Reads a stored file, or the bytes <paramref name="range"/> names of it; null when there is none.</summary>
    Task<MediaFileContent?> OpenAsync(string path, ByteRange? range, CancellationToken cancellationToken);

    /// <summary>Removes files; ones already gone are no error.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken);

    /// <summary>Every stored file, for copying a store into another.</summary>
    IAsyncEnumerable<MediaFileInfo> ListAsync(CancellationToken cancellationToken);
}

/// <param name="ETag">Quoted, as sent in the ETag header.</param>
public sealed record MediaFileInfo(string Path, long Length, DateTimeOffset LastModified, string ETag);

/// <summary>Bytes <see cref="From"/> to <see cref="To"/>, both included, as in a Range header.</summary>
public readonly record struct ByteRange(long From, long To)
{
    public long Length => To - From + 1;
}

/// <summary>An open stored file; <see cref="Range"/> is what <see cref="Content"/> holds when only part was asked for.</summary>
public sealed class MediaFileContent(MediaFileInfo info, Stream content, ByteRange? range) : IAsyncDisposable
{
    public MediaFileInfo Info { get; } = info;
    public Stream Content { get; } = content;
    public ByteRange? Range { get; } = range;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
