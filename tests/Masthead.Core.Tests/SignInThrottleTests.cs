using System.Net;
using Masthead.Core.SignIn;

namespace Masthead.Core.Tests;

public sealed class SignInThrottleTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_wait_doubles_after_the_free_failures_up_to_half_an_hour()
    {
        Assert.Equal(TimeSpan.Zero, SignInThrottle.WaitAfter(4, free: 5));
        Assert.Equal(
            [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 1800, 1800],
            Enumerable.Range(5, 13).Select(failures => SignInThrottle.WaitAfter(failures, free: 5).TotalSeconds));
        Assert.Equal(SignInThrottle.LongestWait, SignInThrottle.WaitAfter(int.MaxValue, free: 5));
    }

    [Fact]
    public void An_attempt_is_held_until_the_wait_after_the_latest_failure_is_over()
    {
        var failures = Enumerable.Range(0, 6).Select(n => (Now.AddSeconds(-n), SignInOutcome.Failed)).ToList(); // the newest just now

        Assert.True(SignInThrottle.Holds(failures, free: 5, Now.AddSeconds(1.9), successForgives: false));
        Assert.False(SignInThrottle.Holds(failures, free: 5, Now.AddSeconds(2), successForgives: false));
        Assert.False(SignInThrottle.Holds(failures.Skip(2), free: 5, Now, successForgives: false));
    }

    [Fact]
    public void Checks_under_way_count_as_failures_and_a_success_forgives_only_where_it_may()
    {
        (DateTime, SignInOutcome)[] attempts =
        [
            (Now, SignInOutcome.Pending),
            (Now, SignInOutcome.Failed),
            (Now, SignInOutcome.Succeeded),
            (Now, SignInOutcome.Failed),
            (Now, SignInOutcome.Failed),
            (Now, SignInOutcome.Failed),
        ];

        Assert.True(SignInThrottle.Holds(attempts, free: 5, Now, successForgives: false));
        Assert.False(SignInThrottle.Holds(attempts, free: 5, Now, successForgives: true));
        Assert.True(SignInThrottle.Holds(attempts, free: 2, Now, successForgives: true));
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void The_throttle_counts_an_IPv6_client_by_its_64_network(string address, string key) =>
        Assert.Equal(key, ClientAddresses.ThrottleKey(IPAddress.Parse(address)));

    [Theory]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox on Linux")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari on macOS")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36", "Chrome on Android")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1", "Chrome on iPhone")]
    [InlineData("curl/8.5.0", "curl/8.5.0")]
    [InlineData("", "Unknown browser")]
    public void Sessions_are_listed_by_a_short_name_for_their_browser(string userAgent, string name) =>
        Assert.Equal(name, DeviceNames.Of(userAgent));
}
