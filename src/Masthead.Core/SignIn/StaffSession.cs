namespace Masthead.Core.SignIn;

/// <summary>
/// One signed-in browser. The staff cookie names it by a secret, and every request checks that it is still open, so
/// signing out, a password change or an administrator ends it on the server at once, whatever the cookie says.
/// </summary>
public sealed class StaffSession
{
    public long Id { get; set; }
    public int StaffAccountId { get; set; }

    /// <summary>SHA-256 of the secret in the cookie; the secret itself is never stored.</summary>
    public required string KeyHash { get; set; }

    /// <summary>The browser's User-Agent when it signed in, as the person's list of sessions shows it.</summary>
    public string UserAgent { get; set; } = "";

    /// <summary>The client address it signed in from.</summary>
    public string Address { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public DateTime? EndedAt { get; set; }
}
