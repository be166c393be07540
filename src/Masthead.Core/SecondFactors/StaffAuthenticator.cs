namespace Masthead.Core.SecondFactors;

/// <summary>
/// A staff account's authenticator app: the key it shares with the app, once the person has confirmed it with a
/// code. Until then (<see cref="ConfirmedAt"/> null) it is only being set up and asks nothing at sign-in.
/// </summary>
public sealed class StaffAuthenticator
{
    public int StaffAccountId { get; set; }

    /// <summary>The shared key, base32. Kept as the app keeps it: codes cannot be checked without it.</summary>
    public required string Key { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }

    /// <summary>The 30-second step of the last code accepted: a code from it or before is refused, so none is used twice.</summary>
    public long LastUsedStep { get; set; }
}

/// <summary>One unused recovery code of a staff account, by its hash (see <see cref="RecoveryCodes"/>).</summary>
public sealed class StaffRecoveryCode
{
    public long Id { get; set; }
    public int StaffAccountId { get; set; }
    public required string CodeHash { get; set; }
    public DateTime CreatedAt { get; set; }
}
