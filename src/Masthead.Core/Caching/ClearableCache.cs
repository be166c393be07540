using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Masthead.Core.Caching;

/// <summary>A cache that events clear (see <c>Clears</c> in Hosting/ChangeReactions.cs).</summary>
public interface IClearableCache
{
    /// <summary>Forgets everything held; the next request reads it again.</summary>
    void Clear();
}

/// <summary>
/// Values read from the database and held in memory until a change clears them. A value whose reading overlapped a
/// clear is returned to its reader but not kept, so no reader sees the old state for longer than a request.
/// </summary>
public class ClearableCache<TKey, TValue> : IClearableCache
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values;
    private readonly CacheGeneration _generation = new();

    public ClearableCache(IEqualityComparer<TKey>? comparer = null) => _values = new ConcurrentDictionary<TKey, TValue>(comparer);

    /// <summary>Note this before reading a value to <see cref="Keep"/>.</summary>
    public long Generation => _generation.Current;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value) => _values.TryGetValue(key, out value);

    /// <summary>The value held for <paramref name="key"/>, or else the one <paramref name="load"/> reads.</summary>
    public ValueTask<TValue> GetOrLoadAsync(TKey key, Func<Task<TValue>> load) =>
        _values.TryGetValue(key, out var held) ? ValueTask.FromResult(held) : LoadAsync(key, load);

    /// <summary>Reads the value with <paramref name="load"/> and holds it in place of any held, unless a clear came meanwhile.</summary>
    public async ValueTask<TValue> LoadAsync(TKey key, Func<Task<TValue>> load)
    {
        var generation = Generation;
        var value = await load();
        Keep(key, value, generation);
        return value;
    }

    /// <summary>Holds <paramref name="value"/>, read since <paramref name="readAtGeneration"/>, unless the cache was cleared meanwhile.</summary>
    public void Keep(TKey key, TValue value, long readAtGeneration)
    {
        _values[key] = value;
        if (_generation.HasAdvancedSince(readAtGeneration))
        {
            _values.TryRemove(key, out _); // it may predate the change; at worst a newer copy is read again
        }
    }

    /// <summary>Forgets one value, and any reading of it under way.</summary>
    public void Remove(TKey key)
    {
        _generation.Advance();
        _values.TryRemove(key, out _);
    }

    public void Clear()
    {
        _generation.Advance();
        _values.Clear();
    }
}

/// <summary>One value held as <see cref="ClearableCache{TKey,TValue}"/> holds many.</summary>
public class ClearableValue<T> : IClearableCache
    where T : class
{
    private readonly ClearableCache<bool, T> _value = new();

    public T? Current => _value.TryGet(true, out var value) ? value : null;

    public ValueTask<T> GetOrLoadAsync(Func<Task<T>> load) => _value.GetOrLoadAsync(true, load);

    public ValueTask<T> LoadAsync(Func<Task<T>> load) => _value.LoadAsync(true, load);

    public void Clear() => _value.Clear();
}
