using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;

namespace Masthead.Caching;

/// <summary>Passes everything to the store it wraps, buffers included; a subclass changes only what it needs to.</summary>
internal abstract class OutputCacheStoreDecorator(IOutputCacheStore inner) : IOutputCacheBufferStore
{
    /// <summary>The store wrapped.</summary>
    protected IOutputCacheStore Inner => inner;

    public virtual ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public virtual ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        inner.SetAsync(key, value, tags, validFor, cancellationToken);

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (inner is IOutputCacheBufferStore buffers)
        {
            return await buffers.TryGetAsync(key, destination, cancellationToken);
        }

        if (await inner.GetAsync(key, cancellationToken) is not { } value)
        {
            return false;
        }

        await destination.WriteAsync(value, cancellationToken);
        return true;
    }

    public virtual ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        inner is IOutputCacheBufferStore buffers
            ? buffers.SetAsync(key, value, tags, validFor, cancellationToken)
            : inner.SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken);
}
