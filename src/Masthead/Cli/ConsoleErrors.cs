using Masthead.Hosting;

namespace Masthead.Cli;

internal static class ConsoleErrors
{
    public const int StartupFailed = 1;

    /// <summary>Turns a problem the operator can fix into one clear line on stderr and a non-zero exit code.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (StartupException exception)
        {
            await Console.Error.WriteLineAsync($"masthead: {exception.Message}");
            return StartupFailed;
        }
        catch (IOException exception) when (exception.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"masthead: {exception.Message} Choose another address with --urls.");
            return StartupFailed;
        }
    }
}
