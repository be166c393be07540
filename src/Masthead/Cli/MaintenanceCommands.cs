using Masthead.Hosting;

namespace Masthead.Cli;

internal static class MaintenanceCommands
{
    public static Task<int> MigrateAsync(string[] hostArgs, CancellationToken cancellationToken) =>
        ConsoleErrors.GuardAsync(async () =>
        {
            await using var app = MastheadApp.Build(hostArgs);
            var result = await DatabaseStartup.MigrateAsync(app.Services, cancellationToken);
            Console.WriteLine(result.AppliedNow == 0
                ? "The database is up to date."
                : $"Applied {result.AppliedNow} migration(s); the database is up to date.");
            return 0;
        });

    public static Task<int> SeedDemoAsync(string[] hostArgs, CancellationToken cancellationToken) =>
        ConsoleErrors.GuardAsync(async () =>
        {
            await using var app = MastheadApp.Build(hostArgs);
            await DatabaseStartup.MigrateAsync(app.Services, cancellationToken);
            var seeded = await DatabaseStartup.SeedDemoAsync(app.Services, cancellationToken);
            Console.WriteLine(seeded
                ? "The demo publication was written."
                : "The database already holds a publication; seed-demo only fills an empty one. Nothing was changed.");
            return 0;
        });
}
