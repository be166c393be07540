namespace Masthead.Site;

/// <summary>
/// How many contact messages one client address may send in any hour. A place is taken only by a message about to
/// be stored, and given back if it is not, so a reader correcting the form is never counted; a refusal can say
/// exactly when the next place frees up.
/// </summary>
public sealed class ContactRateLimit(int messagesPerHour, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly Dictionary<string, List<DateTimeOffset>> _taken = [];
    private readonly Lock _lock = new();

    /// <summary>Takes a place for a message from <paramref name="client"/>, or says how long until one frees up.</summary>
    public bool TryTake(string client, out DateTimeOffset place, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            ForgetBefore(now - Window);
            if (!_taken.TryGetValue(client, out var places))
            {
                places = _taken[client] = [];
            }

            if (places.Count >= messagesPerHour)
            {
                place = default;
                retryAfter = places.Count > 0 ? places[0] + Window - now : Window;
                return false;
            }

            places.Add(now);
            place = now;
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Gives back a place whose message was not stored.</summary>
    public void GiveBack(string client, DateTimeOffset place)
    {
        lock (_lock)
        {
            if (_taken.TryGetValue(client, out var places))
            {
                places.Remove(place);
            }
        }
    }

    private void ForgetBefore(DateTimeOffset start)
    {
        foreach (var (client, places) in _taken)
        {
            places.RemoveAll(p => p <= start);
            if (places.Count == 0)
            {
                _taken.Remove(client);
            }
        }
    }
}
