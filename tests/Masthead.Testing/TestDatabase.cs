using System.Security.Cryptography;
using System.Text;
using Masthead.Data.Sqlite;
using Npgsql;

namespace Masthead.Testing;

/// <summary>
/// Which database the test servers run on. SQLite in the data directory by default; the Masthead.Tests.Postgres
/// assembly switches to PostgreSQL, where each data directory gets a database of its own on the server named by
/// MASTHEAD_TEST_POSTGRES (a connection string for a role that may create databases).
/// </summary>
public static class TestDatabase
{
    public const string PostgresVariable = "MASTHEAD_TEST_POSTGRES";

    public static bool UsePostgres { get; set; }

    private static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable);

    /// <summary>The command-line settings that point a server at the database for <paramref name="dataDirectory"/>, created empty if missing.</summary>
    public static async Task<string[]> ArgumentsForAsync(string dataDirectory) => (await ArgumentsForAsync(dataDirectory, DatabaseTemplate.Empty)).Arguments;

    /// <param name="template">What a database made here is a copy of: nothing, the run's <see cref="MigratedTemplate"/> or its <see cref="DemoTemplate"/>.</param>
    /// <param name="demoAsOf">For the demo, the fake clock's time it is to be dated from; null for the real clock.</param>
    /// <returns>
    /// The settings, and whether a migrated database without the demo was made here: a first run, which its schema no
    /// longer shows.
    /// </returns>
    public static async Task<(string[] Arguments, bool MadeFirstRun)> ArgumentsForAsync(string dataDirectory, DatabaseTemplate template, DateTime? demoAsOf = null)
    {
        if (!UsePostgres)
        {
            if (template == DatabaseTemplate.Empty || File.Exists(SqliteStorage.DatabaseFileIn(dataDirectory)))
            {
                return ([], false);
            }

            if (template == DatabaseTemplate.Demo)
            {
                await DemoTemplate.CopySqliteAsync(dataDirectory, demoAsOf);
                return ([], false);
            }

            await MigratedTemplate.CopySqliteAsync(dataDirectory);
            return ([], true);
        }

        TestEnvironment.Require(!string.IsNullOrWhiteSpace(PostgresServer),
            $"{PostgresVariable} is not set: give it a connection string to a PostgreSQL server where the tests may create databases.");
        var name = DatabaseNameFor(dataDirectory);
        var madeFirstRun = false;
        await using (var connection = await OpenServerAsync())
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", name);
            var missing = await exists.ExecuteScalarAsync() is null;
            if (missing && template == DatabaseTemplate.Demo)
            {
                await DemoTemplate.CreatePostgresCopyAsync(connection, PostgresServer!, name, dataDirectory, demoAsOf);
            }
            else if (missing && template == DatabaseTemplate.Migrated)
            {
                await MigratedTemplate.CreatePostgresCopyAsync(connection, PostgresServer!, name);
                madeFirstRun = true;
            }
            else if (missing)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        return (ConnectionArguments(name), madeFirstRun);
    }

    /// <summary>The settings for the database <paramref name="name"/> on the test PostgreSQL server.</summary>
    internal static string[] ConnectionArguments(string name, bool pooling = true)
    {
        var database = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, Pooling = pooling }.ConnectionString;
        return ["--Masthead:Database:Provider=Postgres", $"--ConnectionStrings:Masthead={database}"];
    }

    /// <summary>Drops the database that belonged to <paramref name="dataDirectory"/>, if the tests run on PostgreSQL.</summary>
    public static async Task DropAsync(string dataDirectory)
    {
        if (!UsePostgres || string.IsNullOrWhiteSpace(PostgresServer))
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenServerAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseNameFor(dataDirectory)}\" WITH (FORCE)", connection);
        try
        {
            await drop.ExecuteNonQueryAsync();
        }
        catch (PostgresException)
        {
            // An autovacuum worker the role may not stop, say: a leftover test database is harmless.
        }
    }

    internal static async Task<NpgsqlConnection> OpenServerAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static string DatabaseNameFor(string dataDirectory) =>
        "masthead_test_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..20];
}

/// <summary>What a test database starts as.</summary>
public enum DatabaseTemplate
{
    Empty,
    Migrated,
    Demo,
}
