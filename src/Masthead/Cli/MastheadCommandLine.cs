using System.CommandLine;
using Masthead.Hosting;

namespace Masthead.Cli;

/// <summary>`masthead [serve|migrate|seed-demo|user|key]`. Tokens it does not know (--urls, --Masthead:DataDirectory=...) go to the host's configuration.</summary>
public static class MastheadCommandLine
{
    public static Task<int> RunAsync(string[] args)
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, separated by ';' (default http://localhost:5080)." };

        var serve = new Command("serve", "Start the web site (the default). Migrates the database first; a new database gets the demo publication unless Masthead__DemoOnFirstRun=false.")
        {
            urls,
        };
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction((result, cancellationToken) => ServeCommand.RunAsync(HostArgs(result, urls), cancellationToken));

        var fromSqlite = new Option<FileInfo?>("--from-sqlite")
        {
            Description = "Then copy everything in this SQLite database file (content, staff, revisions, keys) into the PostgreSQL database, which must be empty.",
        };
        var migrate = new Command("migrate", "Create the database if needed and bring its schema up to date, then exit. Never deletes content.")
        {
            fromSqlite,
        };
        migrate.TreatUnmatchedTokensAsErrors = false;
        migrate.SetAction((result, cancellationToken) => result.GetValue(fromSqlite) is { } file
            ? CopyFromSqliteCommand.RunAsync(HostArgs(result, null), file, cancellationToken)
            : MaintenanceCommands.MigrateAsync(HostArgs(result, null), cancellationToken));

        var seedDemo = new Command("seed-demo", "Fill an empty database with the demo publication (staff, sections, articles). A database with content is left as it is.");
        seedDemo.TreatUnmatchedTokensAsErrors = false;
        seedDemo.SetAction((result, cancellationToken) => MaintenanceCommands.SeedDemoAsync(HostArgs(result, null), cancellationToken));

        var root = new RootCommand("Masthead: a news publishing platform for independent newsrooms. Without a command, `serve` runs.")
        {
            urls, serve, migrate, seedDemo, UserCommands.Create(result => HostArgs(result, null)), KeyCommands.Create(result => HostArgs(result, null)),
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((result, cancellationToken) => ServeCommand.RunAsync(HostArgs(result, urls), cancellationToken));
        return root.Parse(args).InvokeAsync();
    }

    private static string[] HostArgs(ParseResult result, Option<string?>? urls)
    {
        var args = result.UnmatchedTokens.ToList();
        if (urls is not null && result.GetValue(urls) is { Length: > 0 } value)
        {
            args.Add($"--urls={value}");
        }

        return [.. args];
    }
}
