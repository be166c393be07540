namespace Masthead.Core.SignIn;

public enum SignInOutcome
{
    /// <summary>The password is being checked; counted as a failure until it is known, so parallel guesses are too.</summary>
    Pending,
    Succeeded,
    Failed,

    /// <summary>Refused unchecked, because earlier failures asked for a wait; not counted as a failure itself.</summary>
    Held,
}

/// <summary>What an attempt tried: a password, the second factor asked for after it, or a request for a reset link.</summary>
public enum SignInStep
{
    Password,
    SecondFactor,

    /// <summary>"Forgot your password?": counted per address and per client, whether or not an account has the address.</summary>
    ResetRequest,

    /// <summary>A newsletter sign-up: counted per address and per client, whether or not the address is on the list.</summary>
    Subscribe,
}

/// <summary>
/// One post of the sign-in form (or of another form that checks a password or a code), kept for a day: the throttle
/// reads how many attempts failed lately, from which address, on which account, from which known browser. Every node
/// reads the same rows.
/// </summary>
public sealed class SignInAttempt
{
    public long Id { get; set; }
    public DateTime At { get; set; }

    /// <summary>The client's address; for IPv6, its /64 network, which one household or server holds whole.</summary>
    public required string Address { get; set; }

    /// <summary>The email as typed, normalized, whether or not an account has it.</summary>
    public required string Email { get; set; }

    /// <summary>The browser's id when it had signed in to this account before; null for any other browser.</summary>
    public string? DeviceId { get; set; }

    public SignInOutcome Outcome { get; set; }

    /// <summary>Each step is counted on its own: codes guessed do not hold back passwords, nor the other way round.</summary>
    public SignInStep Step { get; set; }
}
