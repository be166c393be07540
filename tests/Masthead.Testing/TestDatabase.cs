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
    public static async Task<string[]> ArgumentsForAsync(string dataDirectory) => (await ArgumentsForAsync(dataDirectory, migrated: false)).Arguments;

    /// <param name="migrated">A database made here is a copy of the run's migrated <see cref="MigratedTemplate"/>, not an empty one.</param>
    /// <returns>The settings, and whether a migrated database was made here: a first run, which its schema no longer shows.</returns>
    public static async Task<(string[] Arguments, bool MadeMigrated)> ArgumentsForAsync(string dataDirectory, bool migrated)
    {
        if (!UsePostgres)
        {
            if (!migrated || File.Exists(SqliteStorage.DatabaseFileIn(dataDirectory)))
            {
                return ([], false);
            }

            await MigratedTemplate.CopySqliteAsync(dataDirectory);
            return ([], true);
        }

        TestEnvironment.Require(!string.IsNullOrWhiteSpace(PostgresServer),
            $"{PostgresVariable} is not set: give it a connection string to a PostgreSQL server where the tests may create databases.");
        var name = DatabaseNameFor(dataDirectory);
        bool made;
        await using (var connection = await OpenServerAsync())
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", name);
            var missing = await exists.ExecuteScalarAsync() is null;
            made = missing && migrated;
            if (made)
            {
                await MigratedTemplate.CreatePostgresCopyAsync(connection, PostgresServer!, name);
            }
            else if (missing)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        var database = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;
        return (["--Masthead:Database:Provider=Postgres", $"--ConnectionStrings:Masthead={database}"], made);
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

    private static async Task<NpgsqlConnection> OpenServerAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static string DatabaseNameFor(string dataDirectory) =>
        "masthead_test_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..20];
}
