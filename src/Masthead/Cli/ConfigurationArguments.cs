using System.CommandLine;

namespace Masthead.Cli;

/// <summary>
/// Separates the host's configuration overrides from the tokens the command line itself parses: --Key=Value and
/// --Section:Key=Value with any key, and --Section:Key Value or a host setting such as --environment Production with
/// the value apart. Everything else is left to the parser, which refuses what it does not know.
/// </summary>
internal static class ConfigurationArguments
{
    private static readonly HashSet<string> HostSettingsWithSeparateValue = new(StringComparer.OrdinalIgnoreCase)
    {
        "environment", "contentRoot", "applicationName", "webroot", "http_ports", "https_ports",
    };

    public static (string[] CommandLine, string[] Configuration) Split(string[] args, Command root)
    {
        var declaredOptions = DeclaredOptionNames(root);
        var commandLine = new List<string>();
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var token = args[i];
            if (token == "--")
            {
                commandLine.AddRange(args[i..]);
                break;
            }

            var key = token.StartsWith("--", StringComparison.Ordinal) ? token[2..].Split('=', 2)[0] : null;
            if (key is not { Length: > 0 } || declaredOptions.Contains("--" + key))
            {
                commandLine.Add(token);
            }
            else if (token.Contains('='))
            {
                configuration.Add(token);
            }
            else if ((key.Contains(':') || HostSettingsWithSeparateValue.Contains(key)) && i + 1 < args.Length)
            {
                configuration.Add(token);
                configuration.Add(args[++i]);
            }
            else
            {
                commandLine.Add(token);
            }
        }

        return ([.. commandLine], [.. configuration]);
    }

    private static HashSet<string> DeclaredOptionNames(Command command)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in command.Options)
        {
            names.Add(option.Name);
            names.UnionWith(option.Aliases);
        }

        foreach (var subcommand in command.Subcommands)
        {
            names.UnionWith(DeclaredOptionNames(subcommand));
        }

        return names;
    }
}
