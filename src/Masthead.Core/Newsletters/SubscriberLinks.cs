using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Masthead.Core.Newsletters;

/// <summary>What a reader's link lets its holder do, without signing in.</summary>
public enum LinkPurpose
{
    Confirm,
    Manage,
    Unsubscribe,
}

/// <summary>A link token, read but not yet checked against its subscriber's key.</summary>
public sealed record LinkToken(LinkPurpose Purpose, int SubscriberId, long Detail, string Mac);

/// <summary>
/// The links in a reader's emails: "{subscriber}.{detail}.{signature}", signed with HMAC-SHA256 under the subscriber's
/// own random key, so a link cannot be guessed, cannot be altered to reach another reader or another newsletter, and
/// stops working when the reader is deleted. The detail is when a confirmation link was issued (it works for
/// <see cref="ConfirmLifetime"/>) or which newsletter an unsubscribe link leaves (0 for all).
/// </summary>
public static class SubscriberLinks
{
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(7);

    public static string NewKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public static string Token(LinkPurpose purpose, int subscriberId, string key, long detail = 0) =>
        string.Create(CultureInfo.InvariantCulture, $"{subscriberId}.{detail}.{Mac(purpose, subscriberId, detail, key)}");

    public static string ConfirmPath(int subscriberId, string key, DateTime issuedAt) =>
        "/newsletter/confirm/" + Token(LinkPurpose.Confirm, subscriberId, key, new DateTimeOffset(issuedAt, TimeSpan.Zero).ToUnixTimeSeconds());

    public static string ManagePath(int subscriberId, string key) => "/newsletter/manage/" + Token(LinkPurpose.Manage, subscriberId, key);

    public static string UnsubscribePath(int subscriberId, string key, int newsletterId) =>
        "/newsletter/unsubscribe/" + Token(LinkPurpose.Unsubscribe, subscriberId, key, newsletterId);

    /// <summary>Reads a token's parts; null when it is not even shaped like one (so it names no subscriber to look up).</summary>
    public static LinkToken? Read(LinkPurpose purpose, string? token)
    {
        var parts = (token ?? "").Split('.');
        if (token is not { Length: <= 120 } || parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var detail) || parts[2].Length != 43)
        {
            return null;
        }

        return new LinkToken(purpose, id, detail, parts[2]);
    }

    /// <summary>Whether the token was signed with <paramref name="key"/>, compared in constant time.</summary>
    public static bool Verify(LinkToken token, string key) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(token.Purpose, token.SubscriberId, token.Detail, key)), Encoding.ASCII.GetBytes(token.Mac));

    private static string Mac(LinkPurpose purpose, int subscriberId, long detail, string key)
    {
        var data = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{purpose}:{subscriberId}:{detail}"));
        var mac = HMACSHA256.HashData(Convert.FromHexString(key), data);
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
