using Masthead.Data.Sqlite;
using Masthead.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Masthead.Testing;

/// <summary>
/// A data directory and database with the demo publication seeded into them, which a test server's new data
/// directory is a copy of (its database a file copy on SQLite or CREATE DATABASE ... TEMPLATE on PostgreSQL, its
/// media files copied) rather than seeding its own: the seed and its images were over a second of every server start.
/// Each copy is the server's own, as a seeded one was. The demo is dated from the clock when it is seeded, so the
/// template is seeded again once it is a few minutes old, keeping "published two hours ago" near enough to true.
/// </summary>
internal static class DemoTemplate
{
    private static readonly TimeSpan MaximumAge = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Seeded? _current;

    /// <summary>Settings under which a server's own seed would differ from the template's, so it seeds its own.</summary>
    private static readonly string[] SettingsThatChangeTheSeed = ["--Masthead:Media", "--Masthead:Demo", "--Masthead:Database", "--ConnectionStrings"];

    public static bool LeavesSeedAlone(string[] extraArgs) =>
        !extraArgs.Any(arg => SettingsThatChangeTheSeed.Any(prefix => arg.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Copies the seeded data directory, database included, into <paramref name="dataDirectory"/>, which has no database yet.</summary>
    public static Task CopySqliteAsync(string dataDirectory) => WithCurrentAsync(seeded =>
    {
        CopyDirectory(seeded.DataDirectory, dataDirectory);
        return Task.CompletedTask;
    }, server: null);

    /// <summary>Creates the PostgreSQL database <paramref name="name"/> as a copy of the seeded one, and copies its media files into <paramref name="dataDirectory"/>.</summary>
    public static Task CreatePostgresCopyAsync(NpgsqlConnection server, string serverConnectionString, string name, string dataDirectory) =>
        WithCurrentAsync(async seeded =>
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{seeded.PostgresName}\"", server);
            await create.ExecuteNonQueryAsync();
            CopyDirectory(seeded.DataDirectory, dataDirectory);
        }, (server, serverConnectionString));

    /// <summary>Copies are made one at a time, and never while the template is seeded: PostgreSQL refuses to copy a database anyone is connected to.</summary>
    private static async Task WithCurrentAsync(Func<Seeded, Task> copy, (NpgsqlConnection Connection, string ConnectionString)? server)
    {
        await Gate.WaitAsync();
        try
        {
            if (_current is null || DateTime.UtcNow - _current.SeededAt > MaximumAge)
            {
                _current?.Delete();
                _current = server is { } postgres ? await SeedPostgresAsync(postgres.Connection, postgres.ConnectionString) : await SeedSqliteAsync();
            }

            await copy(_current);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Seeded> SeedSqliteAsync()
    {
        var seeded = new Seeded(MastheadServer.NewDataDirectory(), PostgresName: null, null, DateTime.UtcNow);
        await MigratedTemplate.CopySqliteAsync(seeded.DataDirectory);
        await SeedAsync(seeded, []);
        SqliteConnection.ClearAllPools();
        await MigratedTemplate.CheckpointAsync(SqliteStorage.DatabaseFileIn(seeded.DataDirectory));
        return seeded;
    }

    private static async Task<Seeded> SeedPostgresAsync(NpgsqlConnection server, string serverConnectionString)
    {
        var name = "masthead_demo_template_" + Guid.NewGuid().ToString("N")[..20];
        var seeded = new Seeded(MastheadServer.NewDataDirectory(), name, serverConnectionString, DateTime.UtcNow);
        await MigratedTemplate.CreatePostgresCopyAsync(server, serverConnectionString, name);
        await SeedAsync(seeded, TestDatabase.ConnectionArguments(name, pooling: false));
        return seeded;
    }

    private static async Task SeedAsync(Seeded seeded, string[] databaseArguments)
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => seeded.Delete();
        await using var app = MastheadServer.Build(seeded.DataDirectory, demo: true, databaseArguments);
        await DatabaseStartup.FinishPreparingAsync(app.Services, firstRun: true);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        // The database's write-ahead log is checkpointed into the file and empty.
        var files = Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal));
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private sealed record Seeded(string DataDirectory, string? PostgresName, string? ServerConnectionString, DateTime SeededAt)
    {
        public void Delete()
        {
            if (PostgresName is not null)
            {
                MigratedTemplate.DropQuietly(ServerConnectionString!, PostgresName);
            }

            MigratedTemplate.DeleteQuietly(DataDirectory);
        }
    }
}
