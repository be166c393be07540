using Masthead.Core.People;
using Masthead.Hosting;
using Masthead.Mail;

namespace Masthead.Cli;

internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] hostArgs, CancellationToken cancellationToken)
    {
        return await ConsoleErrors.GuardAsync(async () =>
        {
            await using var app = MastheadApp.Build(hostArgs);
            var migration = await DatabaseStartup.MigrateAsync(app.Services, cancellationToken);
            if (migration.WasNew)
            {
                await DatabaseStartup.FinishPreparingAsync(app.Services, firstRun: true, cancellationToken);
            }

            // On an existing database the server listens first: what is left is housekeeping no page waits for,
            // and each query it compiles before the first answer would delay that answer.
            await app.StartAsync(cancellationToken);
            try
            {
                if (!migration.WasNew)
                {
                    await DatabaseStartup.FinishPreparingAsync(app.Services, firstRun: false, cancellationToken);
                }

                await PrintSetupLinkAsync(app, cancellationToken);
                await PrintMailStatusAsync(app, cancellationToken);
            }
            catch
            {
                await app.StopAsync(CancellationToken.None);
                throw;
            }

            await app.WaitForShutdownAsync(CancellationToken.None);
            return 0;
        });
    }

    /// <summary>Says once, at start, that messages are written to files rather than sent, so nobody waits for email that cannot come.</summary>
    private static async Task PrintMailStatusAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        if (await app.Services.GetRequiredService<MailServers>().CurrentAsync(scope.ServiceProvider, cancellationToken) is null)
        {
            Console.WriteLine($"No mail server is set (Settings > Email in the newsroom, or Masthead__Mail__Host): emails are written to "
                + $"{app.Services.GetRequiredService<MailDirectory>().Path} instead of being sent.");
        }
    }

    /// <summary>A fresh install with no staff gets one link to create its first administrator, printed once.</summary>
    private static async Task PrintSetupLinkAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var token = await scope.ServiceProvider.GetRequiredService<StaffAccountService>().IssueSetupTokenAsync(cancellationToken);
        if (token is not null)
        {
            Console.WriteLine("This newsroom has no staff yet. Create the first administrator at (works once):");
            Console.WriteLine($"{await SiteAddress.PublicAsync(app, cancellationToken)}/newsroom/setup?token={token}");
            Console.WriteLine("If this link is lost, run: masthead user add --email you@example.org --name \"Your Name\" --role administrator");
        }
    }
}
