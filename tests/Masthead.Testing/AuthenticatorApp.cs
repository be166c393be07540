using OtpNet;

namespace Masthead.Testing;

/// <summary>
/// A person's authenticator app: it holds the key the newsroom showed (in text, as a person types it in) and shows
/// the code for any moment, computed by Otp.NET (RFC 6238) rather than by Masthead's own code.
/// </summary>
public sealed class AuthenticatorApp(string typedKey)
{
    private readonly Totp _totp = new(Base32Encoding.ToBytes(typedKey.Replace(" ", "", StringComparison.Ordinal)));

    public string CodeAt(DateTimeOffset at) => _totp.ComputeTotp(at.UtcDateTime);

    /// <summary>The code <paramref name="steps"/> 30-second steps after (or before) the one at <paramref name="at"/>.</summary>
    public string CodeAt(DateTimeOffset at, int steps) => _totp.ComputeTotp(at.UtcDateTime.AddSeconds(30 * steps));
}
