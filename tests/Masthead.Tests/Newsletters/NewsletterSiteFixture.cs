using Masthead.Core.Newsletters;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    public async ValueTask InitializeAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        _server = await MastheadServer.StartAsync(demo: true, extraArgs:
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

/// <summary>The same site, holding each client to three sign-ups an hour.</summary>
public sealed class TightNewsletterSiteFixture : NewsletterSiteFixture
{
    protected override string[] Arguments => ["--Masthead:Newsletters:SignupsPerClientPerHour=3"];
}
