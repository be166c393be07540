using Microsoft.Data.Sqlite;

namespace Masthead.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_explains_each_command()
    {
        using var masthead = new MastheadProcess();

        var (exitCode, output, _) = await masthead.RunAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("serve", output);
        Assert.Contains("migrate", output);
        Assert.Contains("seed-demo", output);
        Assert.Contains("--urls", output);
    }

    [Fact]
    public async Task Migrate_creates_the_database_under_data_and_seed_demo_fills_it_once()
    {
        using var masthead = new MastheadProcess();

        var migrate = await masthead.RunAsync("migrate");
        Assert.Equal(0, migrate.ExitCode);
        Assert.True(File.Exists(masthead.DatabasePath));
        Assert.Equal(0, Count(masthead.DatabasePath, "Articles"));

        var seed = await masthead.RunAsync("seed-demo");
        Assert.Equal(0, seed.ExitCode);
        Assert.Contains("demo publication was written", seed.Output);
        var articles = Count(masthead.DatabasePath, "Articles");
        Assert.True(articles >= 20);

        var again = await masthead.RunAsync("seed-demo");
        Assert.Contains("Nothing was changed", again.Output);
        var migrateAgain = await masthead.RunAsync("migrate");
        Assert.Equal(0, migrateAgain.ExitCode);
        Assert.Contains("up to date", migrateAgain.Output);
        Assert.Equal(articles, Count(masthead.DatabasePath, "Articles"));
    }

    [Theory]
    [InlineData("migrate", "--Masthead:DataDirectory=elsewhere")]
    [InlineData("--Masthead:DataDirectory", "elsewhere", "migrate")]
    [InlineData("migrate", "--environment", "Production", "--urls", "http://127.0.0.1:0", "--Masthead:DataDirectory", "elsewhere")]
    public async Task The_data_directory_can_be_set_from_the_environment_style_configuration(params string[] args)
    {
        using var masthead = new MastheadProcess();

        var (exitCode, _, error) = await masthead.RunAsync(args);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.True(File.Exists(Path.Combine(masthead.WorkingDirectory, "elsewhere", "masthead.db")));
        Assert.False(Directory.Exists(Path.Combine(masthead.WorkingDirectory, "data")));
    }

    [Theory]
    [InlineData("migrat")]
    [InlineData("bogus")]
    public async Task An_unknown_command_is_refused_and_nothing_starts(string command)
    {
        using var masthead = new MastheadProcess();

        var (exitCode, output, error) = await masthead.RunAsync(command, "--urls=http://127.0.0.1:0");

        Assert.Equal(2, exitCode);
        Assert.Equal($"masthead: unknown command '{command}'. See 'masthead --help'.", error.TrimEnd());
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Path.Combine(masthead.WorkingDirectory, "data")));
    }

    [Fact]
    public async Task An_unknown_option_is_refused_rather_than_ignored()
    {
        using var masthead = new MastheadProcess();

        var (exitCode, output, error) = await masthead.RunAsync("migrate", "--whatever");

        Assert.Equal(2, exitCode);
        Assert.Equal("masthead: unknown option '--whatever' for 'masthead migrate'. See 'masthead migrate --help'.", error.TrimEnd());
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Path.Combine(masthead.WorkingDirectory, "data")));
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("serve")]
    public async Task A_data_directory_that_cannot_be_created_is_named_with_the_reason(string command)
    {
        using var masthead = new MastheadProcess();
        var file = Path.Combine(masthead.WorkingDirectory, "occupied");
        await File.WriteAllTextAsync(file, "a file where the data directory's parent should be");

        var (exitCode, output, error) = await masthead.RunAsync(command, "--urls=http://127.0.0.1:0", "--Masthead:DataDirectory=occupied/data");

        Assert.Equal(1, exitCode);
        Assert.Equal(
            $"masthead: Masthead cannot create the directory {file}/data: {file} is a file, not a directory. Set Masthead__DataDirectory to a directory this user may write.",
            error.TrimEnd());
        Assert.DoesNotContain("Unhandled exception", output + error);
        Assert.DoesNotContain("   at ", output + error);
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("serve")]
    public async Task A_database_file_that_cannot_be_written_gives_a_clear_message(string command)
    {
        using var masthead = new MastheadProcess();
        Assert.Equal(0, (await masthead.RunAsync("migrate", "--Masthead:DemoOnFirstRun=false")).ExitCode);
        File.SetAttributes(masthead.DatabasePath, FileAttributes.ReadOnly);

        var (exitCode, output, error) = await masthead.RunUnprivilegedAsync(command, "--urls=http://127.0.0.1:0", "--Masthead:DemoOnFirstRun=false");

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"masthead: Masthead cannot write to its database {masthead.DatabasePath}: ", error);
        Assert.Contains("readonly database", error);
        Assert.DoesNotContain("   at ", output + error);
        Assert.DoesNotContain("fail:", output);
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("serve")]
    public async Task A_file_that_is_not_a_database_gives_a_clear_message_and_a_non_zero_exit(string command)
    {
        using var masthead = new MastheadProcess();
        Directory.CreateDirectory(Path.GetDirectoryName(masthead.DatabasePath)!);
        await File.WriteAllTextAsync(masthead.DatabasePath, "these are not the bytes of a SQLite database, just text that someone saved here");

        var (exitCode, output, error) = await masthead.RunAsync(command, "--urls=http://127.0.0.1:0");

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"masthead: Masthead cannot use its database {masthead.DatabasePath}: ", error);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("fail:", output);
    }

    [Fact]
    public async Task A_database_written_by_a_newer_version_is_refused_with_a_clear_message()
    {
        using var masthead = new MastheadProcess();
        Assert.Equal(0, (await masthead.RunAsync("migrate")).ExitCode);
        Execute(masthead.DatabasePath, "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231000000_FromTheFuture', '99.0.0')");

        var (exitCode, _, error) = await masthead.RunAsync("migrate");

        Assert.Equal(1, exitCode);
        Assert.Contains("newer version of Masthead", error);
        Assert.Contains("29991231000000_FromTheFuture", error);
        Assert.DoesNotContain("   at ", error);
    }

    private static long Count(string database, string table)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
