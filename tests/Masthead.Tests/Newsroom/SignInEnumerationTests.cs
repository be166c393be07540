using System.Net;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Masthead.Tests.Newsroom.SignInSteps;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// An outsider cannot tell who works here from the sign-in form: whatever is wrong, the answer is the same page, after
/// the same work. Timing is not measured here (see bench/); what makes it the same is: every attempt checks exactly
/// one password hash, a stand-in's when there is no real one to check.
/// </summary>
public sealed class SignInEnumerationTests : IAsyncLifetime
{
    private readonly CountingHasher _hasher = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private MastheadServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await MastheadServer.StartAsync(services: services =>
    {
        services.AddSingleton<IPasswordHasher<StaffAccount>>(_hasher);
        services.AddSingleton<TimeProvider>(_clock);
    });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Unknown_wrong_held_back_deactivated_and_invited_accounts_get_the_same_answer_after_the_same_work()
    {
        await _server.InScopeAsync(async services =>
        {
            var reporter = await services.GetRequiredService<MastheadDb>().Staff.SingleAsync(s => s.Slug == "tobias-wren");
            var accounts = services.GetRequiredService<StaffAccountService>();
            await accounts.SetActiveAsync(Actor.System, reporter.Id, active: false);
            await accounts.InviteAsync(Actor.System, "Ines Varga", "ines-varga@larkmoorlantern.example", NewsroomRole.Reporter);
        });
        for (var n = 1; n <= 5; n++)
        {
            Assert.False(await TrySignInAsync(BrowserAt(_server, $"198.51.100.{n}"), (DemoLogins.Contributor.Email, $"guess number {n}")));
        }

        (string Case, string Email, string Password)[] cases =
        [
            ("no such account", "nobody-here@larkmoorlantern.example", "lantern-contributor"),
            ("a wrong password", DemoLogins.Editor.Email, "not the password at all"),
            ("held back after failures, with the right password", DemoLogins.Contributor.Email, DemoLogins.Contributor.Password),
            ("a deactivated account, with its right password", DemoLogins.Reporter.Email, DemoLogins.Reporter.Password),
            ("an invitee with no password yet", "ines-varga@larkmoorlantern.example", "any password at all"),
        ];
        var answers = new List<string>();
        foreach (var (what, email, password) in cases)
        {
            var checksBefore = _hasher.Verifications;
            using var response = await BrowserAt(_server, "203.0.113.50").SubmitAsync("/newsroom/sign-in", "main form", new() { ["Email"] = email, ["Password"] = password });
            var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());

            Assert.True(HttpStatusCode.OK == response.StatusCode, $"{what}: answered {(int)response.StatusCode}");
            Assert.True(_hasher.Verifications - checksBefore == 1, $"{what}: {_hasher.Verifications - checksBefore} password hashes checked, not 1");
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join(", ", set.Select(c => c.Split('=')[0]).Order()) : "";
            Assert.StartsWith(Refusal, page.QuerySelector(".errors")!.TextContent.Trim());
            foreach (var token in page.QuerySelectorAll("input[name=__RequestVerificationToken]"))
            {
                token.Remove(); // different on every page by design
            }

            answers.Add($"cookies set: {cookies}\n{page.QuerySelector("main")!.InnerHtml.Replace(email, "EMAIL", StringComparison.Ordinal)}");
        }

        Assert.Single(answers.Distinct());
    }

    /// <summary>The password hasher Identity uses, counting how many hashes are checked.</summary>
    private sealed class CountingHasher : IPasswordHasher<StaffAccount>
    {
        private readonly PasswordHasher<StaffAccount> _hasher = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(StaffAccount user, string password) => _hasher.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffAccount user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
