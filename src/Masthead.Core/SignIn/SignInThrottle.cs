namespace Masthead.Core.SignIn;

/// <summary>
/// How long sign-in waits after failed attempts. As trusted systems slow password guessing, a few failures are free,
/// then each further attempt must come twice as long after the last failure as the one before had to, up to half an
/// hour; an attempt that comes sooner is refused unchecked, with the same answer as a wrong password. Nothing is
/// ever locked. Failures are counted three ways, each with its own allowance:
/// <list type="bullet">
/// <item>a browser that has signed in to the account before counts only its own failures, so what strangers do to
/// the account, or from the same address, never holds up the person at their usual browser;</item>
/// <item>any other browser is held by the failures from its address (on any account) and by the failures on the
/// account from every such browser, so guessing from one address and guessing from many are slowed alike.</item>
/// </list>
/// </summary>
public static class SignInThrottle
{
    public const int FreeFailuresPerKnownBrowser = 5;
    public const int FreeFailuresPerAccount = 5;
    public const int FreeFailuresPerAddress = 10;

    /// <summary>Attempts older than this are forgotten.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromDays(1);

    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(30);

    /// <summary>How many of a count's newest attempts are read: past this many failures the wait is the longest anyway.</summary>
    internal const int Window = 40;

    /// <summary>The wait after the last of <paramref name="failures"/> failures: none while free, then 1 s, 2 s, 4 s...</summary>
    public static TimeSpan WaitAfter(int failures, int free)
    {
        if (failures < free)
        {
            return TimeSpan.Zero;
        }

        var doublings = failures - free;
        return doublings >= 11 ? LongestWait : TimeSpan.FromSeconds(Math.Min(1 << doublings, LongestWait.TotalSeconds));
    }

    /// <summary>
    /// Whether an attempt at <paramref name="now"/> must wait, given one count's latest attempts, newest first
    /// (held ones left out). With <paramref name="successForgives"/>, failures before a success are not counted.
    /// </summary>
    public static bool Holds(IEnumerable<(DateTime At, SignInOutcome Outcome)> newestFirst, int free, DateTime now, bool successForgives)
    {
        var failures = 0;
        DateTime? last = null;
        foreach (var (at, outcome) in newestFirst)
        {
            if (outcome == SignInOutcome.Succeeded)
            {
                if (successForgives)
                {
                    break;
                }

                continue;
            }

            if (outcome is SignInOutcome.Failed or SignInOutcome.Pending)
            {
                failures++;
                last ??= at;
            }
        }

        return last is { } lastFailure && now < lastFailure + WaitAfter(failures, free);
    }
}
