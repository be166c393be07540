using System.CommandLine;

namespace Masthead.Cli;

/// <summary>
/// `masthead [serve|migrate|seed-demo|user|key|migrate-media|import|export|backup|restore]`. Configuration overrides (--urls, --Masthead:DataDirectory=...) go to
/// the host; any other token the commands do not know is refused with exit code 2, before anything starts.
/// </summary>
public static class MastheadCommandLine
{
    public static Task<int> RunAsync(string[] args)
    {
        var urls = new Option<string?>("--urls")
        {
            Description = "Addresses to listen on, separated by ';' (default http://localhost:5080); printed links use the first.",
            Recursive = true,
        };
        // Set below, once the finished command tree can tell its own options from configuration.
        string[] configuration = [];
        string[] HostArgs(ParseResult result) =>
            result.GetValue(urls) is { Length: > 0 } value ? [.. configuration, $"--urls={value}"] : configuration;

        var serve = new Command("serve",
            "Start the web site (the default). Migrates the database first; a new database gets the demo publication unless Masthead__DemoOnFirstRun=false.");
        serve.SetAction((result, cancellationToken) => ServeCommand.RunAsync(HostArgs(result), cancellationToken));

        var fromSqlite = new Option<FileInfo?>("--from-sqlite")
        {
            Description = "Then copy everything in this SQLite database file (content, staff, revisions, keys) into the PostgreSQL database, which must be empty.",
        };
        var migrate = new Command("migrate", "Create the database if needed and bring its schema up to date, then exit. Never deletes content.")
        {
            fromSqlite,
        };
        migrate.SetAction((result, cancellationToken) => result.GetValue(fromSqlite) is { } file
            ? CopyFromSqliteCommand.RunAsync(HostArgs(result), file, cancellationToken)
            : MaintenanceCommands.MigrateAsync(HostArgs(result), cancellationToken));

        var seedDemo = new Command("seed-demo", "Fill an empty database with the demo publication (staff, sections, articles). A database with content is left as it is.");
        seedDemo.SetAction((result, cancellationToken) => MaintenanceCommands.SeedDemoAsync(HostArgs(result), cancellationToken));

        var root = new RootCommand(
            "Masthead: a news publishing platform for independent newsrooms. Without a command, `serve` runs. " +
            "Any setting can also be given as --Section:Key=Value, e.g. --Masthead:DataDirectory=/srv/news.")
        {
            urls, serve, migrate, seedDemo, UserCommands.Create(HostArgs), KeyCommands.Create(HostArgs), MigrateMediaCommand.Create(HostArgs),
            ImportCommands.Create(HostArgs), ExportCommand.Create(HostArgs),
            BackupCommands.CreateBackup(HostArgs), BackupCommands.CreateRestore(HostArgs),
        };
        root.SetAction((result, cancellationToken) => ServeCommand.RunAsync(HostArgs(result), cancellationToken));

        (var commandLine, configuration) = ConfigurationArguments.Split(args, root);
        var parsed = root.Parse(commandLine);
        return parsed.Errors.Count > 0 ? ConsoleErrors.UsageErrorAsync(parsed) : parsed.InvokeAsync();
    }
}
