using Masthead.Core.Newsletters;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masthead.Tests.Newsletters;

/// <summary>
/// The demo site mailing a real SMTP server the test reads, with its public address at <see cref="BaseUrl"/>, the
/// schedules off (a test sends what it means to) and newsletters going as fast as they are queued.
/// </summary>
public class NewsletterSiteFixture : IAsyncLifetime
{
    public const string BaseUrl = "https://news.larkmoor.example";

    private MastheadServer? _server;

    public TestSmtpServer Smtp { get; private set; } = null!;

    public MastheadServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    protected virtual string[] Arguments => ["--Masthead:Newsletters:SignupsPerClientPerHour=100000"];

    /// <summary>Services the server is started with instead of its own, such as a clock.</summary>
    protected virtual void Replace(IServiceCollection services)
    {
    }

    public async ValueTask InitializeAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        _server = await MastheadServer.StartAsync(demo: true, services: Replace, extraArgs:
        [
            .. Smtp.Arguments(),
            "--Masthead:Mail:RetryAfterSeconds=1",
            "--Masthead:Newsletters:RunSchedules=false",
            "--Masthead:Newsletters:MinimumFillSeconds=0",
            "--Masthead:Newsletters:MessagesPerSecond=1000",
            .. Arguments,
        ]);
        await _server.InScopeAsync(services => services.GetRequiredService<PublicationService>().UpdateAsync(Actor.System, settings => settings.BaseUrl = BaseUrl));
    }

    public Task<T> DbAsync<T>(Func<MastheadDb, Task<T>> read) => Server.InScopeAsync(services => read(services.GetRequiredService<MastheadDb>()));

    public Task<Subscriber?> SubscriberAsync(string email) =>
        DbAsync(db => db.Subscribers.AsNoTracking().Include(s => s.Subscriptions).SingleOrDefaultAsync(s => s.NormalizedEmail == email.ToLowerInvariant()));

    /// <summary>Adds <paramref name="count"/> confirmed readers of <paramref name="newsletterId"/>, addressed {prefix}-{n}@example.org.</summary>
    public Task<List<string>> AddReadersAsync(string prefix, int count, int newsletterId) => AddReadersAsync(Server, prefix, count, newsletterId);

    /// <summary>Adds <paramref name="count"/> confirmed readers of <paramref name="newsletterId"/> to <paramref name="server"/>'s database.</summary>
    public static Task<List<string>> AddReadersAsync(MastheadServer server, string prefix, int count, int newsletterId) => server.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<MastheadDb>();
        var now = DateTime.UtcNow;
        var emails = Enumerable.Range(1, count).Select(n => $"{prefix}-{n}@example.org").ToList();
        foreach (var email in emails)
        {
            db.Subscribers.Add(new Subscriber
            {
                Email = email,
                NormalizedEmail = email,
                LinkKey = SubscriberLinks.NewKey(),
                CreatedAt = now,
                ConfirmedAt = now,
                Subscriptions = [new Subscription { NewsletterId = newsletterId, SubscribedAt = now }],
            });
        }

        await db.SaveChangesAsync();
        return emails;
    });

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same site, sending twenty newsletter messages a second, so a test can break the mail server halfway through a send.</summary>
public sealed class SlowNewsletterSiteFixture : NewsletterSiteFixture
{
    protected override string[] Arguments => ["--Masthead:Newsletters:MessagesPerSecond=20", "--Masthead:Newsletters:BatchSize=7"];
}

/// <summary>The same site on a clock the test moves, wanting the sign-up form drawn three seconds before it is posted.</summary>
public sealed class ClockedNewsletterSiteFixture : NewsletterSiteFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override string[] Arguments => ["--Masthead:Newsletters:SignupsPerClientPerHour=100000", "--Masthead:Newsletters:MinimumFillSeconds=3"];

    protected override void Replace(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>The same site, holding each client to three sign-ups an hour.</summary>
public sealed class TightNewsletterSiteFixture : NewsletterSiteFixture
{
    protected override string[] Arguments => ["--Masthead:Newsletters:SignupsPerClientPerHour=3"];
}
