using System.Collections.Concurrent;
using Masthead.Core.ContentApi;
using Masthead.Core.Events;

namespace Masthead.ContentApi;

/// <summary>
/// Remembers valid keys for a few seconds, so the API does not ask the database on every request. A key revoked
/// in this process is forgotten at once; one revoked elsewhere (the command line, another node) stops working
/// when its entry expires, within <see cref="Lifetime"/>.
/// </summary>
public sealed class ContentApiKeyCache(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _validUntil = new(StringComparer.Ordinal);

    /// <summary>Goes up on every revocation, so a lookup that raced one is not remembered.</summary>
    private long _revocations;

    public async ValueTask<bool> IsValidAsync(string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_validUntil.TryGetValue(key, out var until) && until > now)
        {
            return true;
        }

        var revocations = Interlocked.Read(ref _revocations);
        await using var scope = scopes.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<ContentApiKeyService>().IsValidAsync(key, cancellationToken))
        {
            _validUntil.TryRemove(key, out _);
            return false;
        }

        _validUntil[key] = now + Lifetime;
        if (Interlocked.Read(ref _revocations) != revocations)
        {
            _validUntil.TryRemove(key, out _);
        }

        return true;
    }

    public void Forget(string key)
    {
        Interlocked.Increment(ref _revocations);
        _validUntil.TryRemove(key, out _);
    }
}

/// <summary>Forgets a revoked key as soon as the revocation commits.</summary>
internal sealed class ForgetRevokedKey(ContentApiKeyCache keys) : IEventHandler<ContentApiKeyRevoked>
{
    public Task HandleAsync(ContentApiKeyRevoked revoked, CancellationToken cancellationToken)
    {
        keys.Forget(revoked.Secret);
        return Task.CompletedTask;
    }
}
