using System.CommandLine;
using System.CommandLine.Parsing;
using Masthead.Hosting;

namespace Masthead.Cli;

internal static class ConsoleErrors
{
    public const int StartupFailed = 1;
    public const int UsageError = 2;

    /// <summary>Turns a problem the operator can fix into one clear line on stderr and a non-zero exit code.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (Core.ValidationException exception)
        {
            await Console.Error.WriteLineAsync($"masthead: {exception.Message}");
            return StartupFailed;
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

    /// <summary>A command line that does not parse: one line naming the first problem and where help is, and nothing runs.</summary>
    public static async Task<int> UsageErrorAsync(ParseResult result)
    {
        var command = CommandPath(result.CommandResult);
        var problem = result.UnmatchedTokens.FirstOrDefault() switch
        {
            null => result.Errors[0].Message.TrimEnd('.'),
            var token when token.StartsWith('-') => $"unknown option '{token}' for '{command}'",
            var token when result.CommandResult.Command.Subcommands.Count > 0 => $"unknown command '{token}'",
            var token => $"unexpected argument '{token}' for '{command}'",
        };
        await Console.Error.WriteLineAsync($"masthead: {problem}. See '{command} --help'.");
        return UsageError;
    }

    private static string CommandPath(CommandResult command) =>
        command.Parent is CommandResult parent ? $"{CommandPath(parent)} {command.Command.Name}" : "masthead";
}
