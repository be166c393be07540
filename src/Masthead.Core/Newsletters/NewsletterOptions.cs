namespace Masthead.Core.Newsletters;

/// <summary>The "Masthead:Newsletters" settings: how fast newsletters go out.</summary>
public sealed class NewsletterOptions
{
    /// <summary>Messages a second the whole send keeps to, across every node: what the mail server or provider allows.</summary>
    public double MessagesPerSecond { get; set; } = 50;

    /// <summary>Readers put in the outbox per transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Sign-ups one client (an IPv6 client by its /64) may make in an hour, whatever the addresses.</summary>
    public int SignupsPerClientPerHour { get; set; } = 10;

    /// <summary>The least time, in seconds, between drawing the sign-up form and a post of it a person could have typed.</summary>
    public double MinimumFillSeconds { get; set; } = 3;

    /// <summary>Whether scheduled briefings go by themselves; off, they are only sent from the composer.</summary>
    public bool RunSchedules { get; set; } = true;

    /// <summary>The most stories a briefing carries.</summary>
    public const int MaxStories = 20;
}
