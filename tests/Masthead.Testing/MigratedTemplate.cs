using Masthead.Data.Sqlite;
using Masthead.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Masthead.Testing;

/// <summary>
/// A database migrated once per test run, which the test servers' new databases are copied from (a file copy on
/// SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL) rather than each running every migration again. The tests of
/// migrations and of the command line start from empty databases, as before.
/// </summary>
internal static class MigratedTemplate
{
    private static readonly Lazy<Task<string>> SqliteFile = new(MigrateSqliteAsync);
    private static readonly SemaphoreSlim PostgresStart = new(1, 1);
    private static string? _postgresName;

    /// <summary>Copies the migrated SQLite file into <paramref name="dataDirectory"/>, which has no database yet.</summary>
    public static async Task CopySqliteAsync(string dataDirectory)
    {
        var template = await SqliteFile.Value;
        Directory.CreateDirectory(dataDirectory);
        File.Copy(template, SqliteStorage.DatabaseFileIn(dataDirectory));
    }

    /// <summary>
    /// Creates the PostgreSQL database <paramref name="name"/> as a copy of the migrated template. PostgreSQL refuses
    /// to copy a database anyone is connected to, so the template is only ever connected to while it is migrated,
    /// with pooling off, before the first copy; copies are made one at a time.
    /// </summary>
    public static async Task CreatePostgresCopyAsync(NpgsqlConnection server, string serverConnectionString, string name)
    {
        await PostgresStart.WaitAsync();
        try
        {
            _postgresName ??= await MigratePostgresAsync(server, serverConnectionString);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{_postgresName}\"", server);
            await create.ExecuteNonQueryAsync();
        }
        finally
        {
            PostgresStart.Release();
        }
    }

    private static async Task<string> MigrateSqliteAsync()
    {
        var dataDirectory = MastheadServer.NewDataDirectory();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(dataDirectory);
        await MigrateAsync(dataDirectory, []);
        var file = SqliteStorage.DatabaseFileIn(dataDirectory);
        await CheckpointAsync(file);
        return file;
    }

    /// <summary>Writes everything into the SQLite file itself, so that a copy of the file alone is the whole database.</summary>
    internal static async Task CheckpointAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await checkpoint.ExecuteNonQueryAsync();
    }

    private static async Task<string> MigratePostgresAsync(NpgsqlConnection server, string serverConnectionString)
    {
        var name = "masthead_template_" + Guid.NewGuid().ToString("N")[..20];
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", server))
        {
            await create.ExecuteNonQueryAsync();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropQuietly(serverConnectionString, name);
        var database = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, Pooling = false }.ConnectionString;
        var dataDirectory = MastheadServer.NewDataDirectory();
        await MigrateAsync(dataDirectory, ["--Masthead:Database:Provider=Postgres", $"--ConnectionStrings:Masthead={database}"]);
        DeleteQuietly(dataDirectory);
        return name;
    }

    private static async Task MigrateAsync(string dataDirectory, string[] databaseArguments)
    {
        await using var app = MastheadApp.Build(
        [
            $"--Masthead:DataDirectory={dataDirectory}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Migrations=Error",
            .. databaseArguments,
        ]);
        await DatabaseStartup.MigrateAsync(app.Services);
    }

    internal static void DropQuietly(string serverConnectionString, string name)
    {
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false }.ConnectionString);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // A leftover template, like a leftover test database, is harmless.
        }
    }

    internal static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
