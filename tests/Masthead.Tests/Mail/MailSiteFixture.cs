using System.Security.Cryptography;
using Masthead.Core.Mail;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Sdk;

namespace Masthead.Tests.Mail;

/// <summary>
/// The demo site sending its mail to a real SMTP server the test reads, signing it with a DKIM key made for the class;
/// links in messages go through the public base address <see cref="BaseUrl"/>.
/// </summary>
public sealed class MailSiteFixture : IAsyncLifetime
{
    public const string BaseUrl = "https://news.larkmoor.example";
    public const string DkimDomain = "larkmoorlantern.example";
    public const string DkimSelector = "masthead";

    private readonly RSA _key = RSA.Create(2048);
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"masthead-dkim-{Guid.NewGuid():N}.pem");
    private MastheadServer? _server;
    private SkipException? _skipped;

    public TestSmtpServer Smtp { get; private set; } = null!;

    public MastheadServer Server => _server ?? throw (_skipped as Exception ?? new InvalidOperationException("The server has not started."));

    /// <summary>The DKIM public key as its DNS record would publish it.</summary>
    public string DkimRecord => $"v=DKIM1; k=rsa; p={Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo())}";

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(_keyFile, _key.ExportRSAPrivateKeyPem());
        Smtp = await TestSmtpServer.StartAsync();
        try
        {
            _server = await MastheadServer.StartAsync(demo: true, extraArgs:
            [
                .. Smtp.Arguments(),
                $"--Masthead:Mail:Dkim:Domain={DkimDomain}",
                $"--Masthead:Mail:Dkim:Selector={DkimSelector}",
                $"--Masthead:Mail:Dkim:PrivateKeyFile={_keyFile}",
            ]);
            await _server.InScopeAsync(services => services.GetRequiredService<PublicationService>()
                .UpdateAsync(Actor.System, settings => settings.BaseUrl = BaseUrl));
        }
        catch (SkipException skip)
        {
            _skipped = skip;
        }
    }

    /// <summary>The outbox's rows of <paramref name="kind"/> to <paramref name="address"/>, as they stand.</summary>
    public Task<List<OutgoingMail>> OutboxAsync(MailKind kind, string address) => Server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Outbox.AsNoTracking().Where(m => m.Kind == kind && m.ToAddress == address).ToListAsync());

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await Smtp.DisposeAsync();
        File.Delete(_keyFile);
        _key.Dispose();
    }
}
