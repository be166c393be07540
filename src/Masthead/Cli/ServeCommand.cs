using Masthead.Hosting;

namespace Masthead.Cli;

internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] hostArgs, CancellationToken cancellationToken)
    {
        return await ConsoleErrors.GuardAsync(async () =>
        {
            var app = MastheadApp.Build(hostArgs);
            await DatabaseStartup.PrepareAsync(app.Services, cancellationToken);
            await app.RunAsync();
            return 0;
        });
    }
}
