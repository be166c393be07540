using Masthead.Core.Caching;
using Masthead.Core.ContentApi;
using Masthead.Core.Events;

namespace Masthead.ContentApi;

/// <summary>
/// Remembers valid keys for a few seconds, so the API does not ask the database on every request. A key revoked
/// in the newsroom clears the cache at once on every node (<see cref="ContentApiKeyRevoked"/>); one revoked from
/// the command line, which tells no node, stops working when its entry expires, within <see cref="Lifetime"/>.
/// </summary>
public sealed class ContentApiKeyCache(IServiceScopeFactory scopes, TimeProvider time) : IClearableCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ClearableCache<string, DateTimeOffset> _validUntil = new(StringComparer.Ordinal);

    public async ValueTask<bool> IsValidAsync(string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_validUntil.TryGet(key, out var until) && until > now)
        {
            return true;
        }

        var generation = _validUntil.Generation;
        await using var scope = scopes.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<ContentApiKeyService>().IsValidAsync(key, cancellationToken))
        {
            return false;
        }

        _validUntil.Keep(key, now + Lifetime, generation);
        return true;
    }

    public void Clear() => _validUntil.Clear();
}
