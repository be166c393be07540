using Masthead.Core.Caching;
using Masthead.Core.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Core.SignIn;

/// <summary>
/// The sessions this node has lately found open, so a request asks the database about its session about once a
/// minute rather than every time. Ending a session clears it at once on every node (<see cref="StaffSessionsEnded"/>);
/// a node cut off from the others stops believing a session within <see cref="Recheck"/>.
/// </summary>
public sealed class StaffSessionCache(IServiceScopeFactory scopes, TimeProvider time) : IClearableCache
{
    public static readonly TimeSpan Recheck = TimeSpan.FromMinutes(1);

    private readonly ClearableCache<string, Confirmed> _confirmed = new(StringComparer.Ordinal);

    public async ValueTask<bool> IsOpenAsync(string secret, int accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_confirmed.TryGet(secret, out var confirmed) && confirmed.AccountId == accountId && confirmed.Until > now)
        {
            return true;
        }

        var generation = _confirmed.Generation;
        await using var scope = scopes.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<StaffSessionService>().TouchAsync(secret, accountId, cancellationToken))
        {
            return false;
        }

        _confirmed.Keep(secret, new Confirmed(accountId, now + Recheck), generation);
        return true;
    }

    public void Clear() => _confirmed.Clear();

    private readonly record struct Confirmed(int AccountId, DateTimeOffset Until);
}
