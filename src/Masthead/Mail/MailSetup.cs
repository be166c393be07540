using Masthead.Core.Mail;
using Masthead.Hosting;

namespace Masthead.Mail;

public static class MailSetup
{
    /// <summary>The outbox's sender, the mail server settings, and the mail directory used when no server is set.</summary>
    public static IServiceCollection AddMail(this IServiceCollection services, MastheadOptions options)
    {
        MailServers.Validate(options.Mail);
        services.AddSingleton(options.Mail);
        services.AddHttpContextAccessor();
        services.AddSingleton<IPublicBaseUrl, PublicBaseUrl>();
        services.AddSingleton<MailServers>();
        services.AddSingleton(new MailMessages(options.Mail));
        services.AddSingleton(new MailDirectory(options.MailDirectoryFullPath));
        services.AddSingleton<BulkWorkMemory>();
        services.AddSingleton<MailDelivery>();
        services.AddSingleton<MailTester>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxSender>());
        return services;
    }
}
