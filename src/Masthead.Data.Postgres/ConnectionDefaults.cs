using System.Data.Common;
using Npgsql;

namespace Masthead.Data.Postgres;

/// <summary>What a node's connection string gets where it says nothing of its own.</summary>
public static class ConnectionDefaults
{
    /// <summary>
    /// Connections each node may hold. Npgsql's own default (100) equals PostgreSQL's default <c>max_connections</c>,
    /// so a second node under a burst (a thousand readers opening a live story at once) was refused connections and
    /// answered 503. Four nodes at 20 leave PostgreSQL room; a request beyond the pool waits for a free connection
    /// (up to the connection string's <c>Timeout</c>).
    /// </summary>
    public const int MaxPoolSize = 20;

    /// <summary>
    /// Statements Npgsql prepares on each connection once they have run a few times, so PostgreSQL parses and plans
    /// them once rather than for every request: an uncached article page cost PostgreSQL 1.0 ms of CPU unprepared and
    /// 0.56 ms prepared (BENCHMARKS.md). Behind a connection pooler that cannot keep prepared statements, set
    /// <c>Max Auto Prepare=0</c>.
    /// </summary>
    public const int MaxAutoPrepare = 50;

    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("MAXIMUMPOOLSIZE") && !given.Contains("MAXPOOLSIZE"))
        {
            builder.MaxPoolSize = MaxPoolSize;
        }

        if (!given.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        return builder.ConnectionString;
    }
}
