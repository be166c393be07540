using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Masthead.Tests.Newsroom.SignInSteps;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// Password guessing is slowed with growing waits, per client address and per account, and nobody is ever locked
/// out: the right person with the right password gets in. The clock stands still unless a test moves it, so a wait
/// ends only when the test says so.
/// </summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private MastheadServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await MastheadServer.StartAsync(services: services => services.AddSingleton<TimeProvider>(_clock));

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_outsider_hammering_every_account_from_one_address_locks_nobody_out()
    {
        var ownBrowsers = new List<NewsroomClient>();
        for (var i = 0; i < Everyone.Length; i++)
        {
            var browser = BrowserAt(_server, $"203.0.113.{10 + i}");
            await SignInAsync(browser, Everyone[i]);
            await SignOutAsync(browser);
            ownBrowsers.Add(browser);
        }

        var outsider = BrowserAt(_server, "198.51.100.66");
        foreach (var (email, _) in Everyone)
        {
            for (var guess = 0; guess < 8; guess++)
            {
                Assert.False(await TrySignInAsync(outsider, (email, $"guess number {guess}")));
            }
        }

        for (var i = 0; i < Everyone.Length; i++)
        {
            await SignInAsync(ownBrowsers[i], Everyone[i]);
        }

        // The outsider's address is what waits: from there even the right password is held back for now.
        Assert.False(await TrySignInAsync(BrowserAt(_server, "198.51.100.66"), DemoLogins.Contributor));
    }

    [Fact]
    public async Task Guessing_one_account_from_many_addresses_meets_growing_waits_but_never_a_lockout()
    {
        var delphine = BrowserAt(_server, "203.0.113.10");
        await SignInAsync(delphine, DemoLogins.Administrator);
        await SignOutAsync(delphine);

        for (var n = 1; n <= 40; n++)
        {
            Assert.False(await TrySignInAsync(BrowserAt(_server, $"198.51.100.{n}"), (DemoLogins.Administrator.Email, $"guess number {n}")));
        }

        // Her own browser is not held up by what strangers did to her account.
        await SignInAsync(delphine, DemoLogins.Administrator);

        // Any other browser waits as the guesses do: 1 s after the fifth failure, then twice as long after each.
        var newLaptop = BrowserAt(_server, "203.0.113.99");
        Assert.False(await TrySignInAsync(newLaptop, DemoLogins.Administrator));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await TrySignInAsync(BrowserAt(_server, "198.51.100.200"), (DemoLogins.Administrator.Email, "one more guess")));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await TrySignInAsync(newLaptop, DemoLogins.Administrator));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await SignInAsync(newLaptop, DemoLogins.Administrator);
    }

    [Fact]
    public async Task A_known_browser_is_slowed_by_its_own_failures_and_other_accounts_are_not()
    {
        var tobias = BrowserAt(_server, "203.0.113.20");
        await SignInAsync(tobias, DemoLogins.Reporter);
        await SignOutAsync(tobias);

        for (var n = 0; n < 5; n++)
        {
            Assert.False(await TrySignInAsync(tobias, (DemoLogins.Reporter.Email, $"mistyped {n}")));
        }

        Assert.False(await TrySignInAsync(tobias, DemoLogins.Reporter));
        await SignInAsync(BrowserAt(_server, "203.0.113.21"), DemoLogins.Editor);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await SignInAsync(tobias, DemoLogins.Reporter);
    }

    [Fact]
    public async Task An_address_guessing_at_addresses_that_are_nobody_s_is_slowed_down_too()
    {
        var outsider = BrowserAt(_server, "198.51.100.77");
        for (var n = 0; n < 10; n++)
        {
            Assert.False(await TrySignInAsync(outsider, ($"someone{n}@larkmoorlantern.example", "a likely password")));
        }

        Assert.False(await TrySignInAsync(BrowserAt(_server, "198.51.100.77"), DemoLogins.Editor));
        await SignInAsync(BrowserAt(_server, "203.0.113.30"), DemoLogins.Editor);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await SignInAsync(BrowserAt(_server, "198.51.100.77"), DemoLogins.Editor);
    }
}
