namespace Masthead.Core.SecondFactors;

/// <summary>A registered passkey as its owner sees it: <see cref="Id"/> is its credential id, base64url.</summary>
public sealed record PasskeyView(string Id, string Name, DateTime CreatedAt);

/// <summary>How a person's sign-in is protected, for their security page.</summary>
public sealed record SecondFactorOverview(bool HasAuthenticator, IReadOnlyList<PasskeyView> Passkeys, int RecoveryCodesLeft, bool Required)
{
    public bool HasAny => HasAuthenticator || Passkeys.Count > 0;
}

/// <summary>The second factors a person signing in with their password can be asked for.</summary>
public sealed record SecondFactorsOf(bool Authenticator, bool Passkeys)
{
    public bool Any => Authenticator || Passkeys;
}

/// <summary>
/// A second factor was added. When it was the person's first, <see cref="RecoveryCodes"/> holds their new codes (to
/// show once) and <see cref="SessionsEnded"/> counts their other sessions, opened with the password alone, now ended.
/// </summary>
public sealed record SecondFactorAdded(IReadOnlyList<string>? RecoveryCodes, int SessionsEnded);

/// <summary>An authenticator app being set up: its key, in text and as the link its QR code carries.</summary>
public sealed record AuthenticatorSetup(string Key, string AppLink);
