using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Masthead.Bench;

/// <summary>
/// The suite's data in PostgreSQL, for --nodes: the seeded SQLite database copied by `masthead migrate
/// --from-sqlite` into a database named after the seed (bench_seed_HASH), kept as a template while --data keeps
/// the SQLite seed; each run works on a copy of it (CREATE DATABASE ... TEMPLATE), dropped at the end, so every
/// run starts from the same data, as with SQLite. Only databases named bench_ that this suite made are ever dropped.
/// </summary>
public sealed class SuitePostgres : IAsyncDisposable
{
    private const string KeptFile = "bench-postgres.txt";
    private readonly string _server;
    private readonly string? _seedToDrop;

    private SuitePostgres(string server, string database, string? seedToDrop)
    {
        _server = server;
        _seedToDrop = seedToDrop;
        Database = database;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = true }.ConnectionString;
    }

    /// <summary>This run's database.</summary>
    public string Database { get; }

    /// <summary>For the nodes: this run's database, pooled.</summary>
    public string ConnectionString { get; }

    /// <summary>PostgreSQL's server processes connected to this run's database (its ps title names the database).</summary>
    public ProcessPart Backends() => new("PostgreSQL", ProcessStats.Find("postgres", title => title.Contains($" {Database} ", StringComparison.Ordinal)), DotNet: false,
        SharedMemory: true);

    public static async Task<SuitePostgres> PrepareAsync(string dll, SuiteData data, SuiteOptions options, string work, CancellationToken cancellationToken)
    {
        var server = new NpgsqlConnectionStringBuilder(options.Postgres) { Pooling = false }.ConnectionString;
        var seed = "bench_seed_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(data.Seed))))[..12].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(cancellationToken);
        if (await ExistsAsync(connection, seed, cancellationToken))
        {
            Console.WriteLine($"Reusing the PostgreSQL seed {seed}.");
        }
        else
        {
            var seeding = seed.Replace("bench_seed_", "bench_seeding_", StringComparison.Ordinal);
            await ExecuteAsync(connection, $"""DROP DATABASE IF EXISTS "{seeding}" WITH (FORCE)""", cancellationToken);
            await ExecuteAsync(connection, $"""CREATE DATABASE "{seeding}" """, cancellationToken);
            Console.WriteLine($"Copying the seeded SQLite database into PostgreSQL ({seeding}) with `masthead migrate --from-sqlite` ...");
            var copying = Stopwatch.StartNew();
            await SuiteData.RunCommandAsync(dll, ["migrate", "--from-sqlite", data.DatabasePath], new Dictionary<string, string>
            {
                ["Masthead__Database__Provider"] = "Postgres",
                ["ConnectionStrings__Masthead"] = new NpgsqlConnectionStringBuilder(server) { Database = seeding }.ConnectionString,
                ["Masthead__DataDirectory"] = Path.Combine(work, "migrate"),
            }, work, cancellationToken);
            await ExecuteAsync(connection, $"""ALTER DATABASE "{seeding}" RENAME TO "{seed}" """, cancellationToken);
            Console.WriteLine($"Copied in {copying.Elapsed.TotalSeconds:N1} s.");
            await ForgetOlderSeedAsync(connection, options, seed, cancellationToken);
        }

        var run = $"bench_run_{Environment.ProcessId}";
        var copy = Stopwatch.StartNew();
        await ExecuteAsync(connection, $"""DROP DATABASE IF EXISTS "{run}" WITH (FORCE)""", cancellationToken);
        await ExecuteAsync(connection, $"""CREATE DATABASE "{run}" TEMPLATE "{seed}" """, cancellationToken);
        Console.WriteLine($"This run's PostgreSQL database: {run}, a copy of {seed} ({copy.Elapsed.TotalSeconds:N1} s).");
        return new SuitePostgres(server, run, options.DataDirectory is null ? seed : null);
    }

    /// <summary>Drops this run's database, and the seed too when no --data keeps the SQLite seed it came from.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        foreach (var database in new[] { Database, _seedToDrop }.OfType<string>())
        {
            await ExecuteAsync(connection, $"""DROP DATABASE IF EXISTS "{database}" WITH (FORCE)""", CancellationToken.None);
        }
    }

    /// <summary>With --data, notes the seed's name there, dropping the one noted before (made from that folder's older seed).</summary>
    private static async Task ForgetOlderSeedAsync(NpgsqlConnection connection, SuiteOptions options, string seed, CancellationToken cancellationToken)
    {
        if (options.DataDirectory is not { } kept)
        {
            return;
        }

        var file = Path.Combine(kept, KeptFile);
        var older = File.Exists(file) ? (await File.ReadAllTextAsync(file, cancellationToken)).Trim() : null;
        if (older is not null && older != seed && older.StartsWith("bench_seed_", StringComparison.Ordinal))
        {
            await ExecuteAsync(connection, $"""DROP DATABASE IF EXISTS "{older}" WITH (FORCE)""", cancellationToken);
        }

        await File.WriteAllTextAsync(file, seed, cancellationToken);
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string database, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
