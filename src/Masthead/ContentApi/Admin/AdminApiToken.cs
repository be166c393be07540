using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Masthead.Core.ContentApi;

namespace Masthead.ContentApi.Admin;

/// <summary>
/// Checks an Admin API request's <c>Authorization: Ghost {token}</c> as Ghost does: a JWT signed with HS256 by the
/// secret of an active Admin API key (hex-decoded), the key's id as <c>kid</c>, <c>aud</c> the Admin API
/// (/admin/, or /v5/admin/ and such from older clients), issued at most five minutes ago and not expired. Nothing
/// else is accepted: no other algorithm, none, a key from a header.
/// </summary>
internal static partial class AdminApiToken
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>Clocks differ a little between machines; a token from a few seconds ahead is still taken.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    /// <returns>The key, or why the token is refused.</returns>
    public static async Task<(AdminApiKey? Key, string? Refusal)> VerifyAsync(string? authorization, ContentApiKeyService keys, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (authorization is null || !authorization.StartsWith("Ghost ", StringComparison.Ordinal))
        {
            return (null, "Authorization header format is \"Authorization: Ghost [token]\"");
        }

        var parts = authorization[6..].Trim().Split('.');
        if (parts.Length != 3 || Json(parts[0]) is not { } header || Json(parts[1]) is not { } payload)
        {
            return (null, "Invalid token: it is not a JSON Web Token.");
        }

        using (header)
        using (payload)
        {
            if (Text(header.RootElement, "alg") != "HS256")
            {
                return (null, "Invalid token: only HS256 is accepted.");
            }

            if (Text(header.RootElement, "kid") is not { } id || await keys.FindAdminAsync(id, cancellationToken) is not { } key)
            {
                return (null, "Unknown Admin API Key");
            }

            var expected = HMACSHA256.HashData(Convert.FromHexString(key.Secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
            if (!TryDecode(parts[2], out var signature) || !CryptographicOperations.FixedTimeEquals(expected, signature))
            {
                return (null, "Invalid token: invalid signature");
            }

            return Claims(payload.RootElement, now) is { } problem ? (null, problem) : (key, null);
        }
    }

    private static string? Claims(JsonElement payload, DateTimeOffset now)
    {
        if (Text(payload, "aud") is not { } audience || !Audience().IsMatch(audience))
        {
            return "Invalid token: the audience must be /admin/.";
        }

        if (Seconds(payload, "iat") is not { } issued || Seconds(payload, "exp") is not { } expires)
        {
            return "Invalid token: it needs iat and exp.";
        }

        if (expires <= now)
        {
            return "Token expired";
        }

        if (issued > now + Skew || expires - issued > MaxAge || now - issued > MaxAge)
        {
            return $"Invalid token: a token lives at most {MaxAge.TotalMinutes:0} minutes from when it is issued.";
        }

        return null;
    }

    private static JsonDocument? Json(string part)
    {
        if (!TryDecode(part, out var bytes))
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static bool TryDecode(string part, out byte[] bytes)
    {
        bytes = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        if (Base64Url.TryDecodeFromChars(part, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Seconds(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt64(out var seconds) && seconds is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    [GeneratedRegex("^/((v[0-9]+(\\.[0-9]+)?|canary)/)?admin/$", RegexOptions.CultureInvariant)]
    private static partial Regex Audience();
}
