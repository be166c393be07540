using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Data.Sqlite.Statements;

/// <summary>
/// An open connection that keeps each statement it runs compiled, keyed by its SQL. SQLite compiles every new
/// command's SQL from scratch (parsing and planning cost more than running a reader page's queries), and EF Core
/// makes a new command for every query; this connection lends it the compiled command instead.
/// </summary>
internal sealed class StatementCachingConnection(string connectionString) : SqliteConnection(connectionString)
{
    /// <summary>Distinct statements kept per connection; the site runs a few dozen, one-off SQL beyond this is not kept.</summary>
    private const int Capacity = 256;

    private readonly Dictionary<string, CachedCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The context this connection is lent to, until it goes back to the pool.</summary>
    public DbContext? Borrower { get; set; }

    /// <summary>
    /// The compiled command for <paramref name="command"/>'s SQL, carrying its parameters and transaction; or the
    /// command itself when that statement is busy with an open reader or the cache is full.
    /// </summary>
    public DbCommand Lend(DbCommand command)
    {
        if (!_commands.TryGetValue(command.CommandText, out var cached))
        {
            if (_commands.Count >= Capacity)
            {
                return command;
            }

            cached = new CachedCommand(this, command.CommandText);
            _commands.Add(command.CommandText, cached);
        }

        if (cached.InUse)
        {
            return command;
        }

        cached.InUse = true;
        cached.Transaction = (SqliteTransaction?)command.Transaction;
        cached.CommandTimeout = command.CommandTimeout;
        cached.Parameters.Clear();
        var parameters = new SqliteParameter[command.Parameters.Count];
        command.Parameters.CopyTo(parameters, 0);
        command.Parameters.Clear();
        cached.Parameters.AddRange(parameters);
        command.Dispose(); // an open connection forgets a command only when it is disposed
        return cached;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var command in _commands.Values)
            {
                command.Release();
            }

            _commands.Clear();
        }

        base.Dispose(disposing);
    }

    /// <summary>A command that outlives EF Core's use of it: disposing it only makes it available again.</summary>
    internal sealed class CachedCommand : SqliteCommand
    {
        public CachedCommand(SqliteConnection connection, string sql)
            : base(sql, connection)
        {
        }

        public bool InUse { get; set; }

        public void Release() => base.Dispose(true);

        protected override void Dispose(bool disposing)
        {
            Parameters.Clear();
            Transaction = null;
            InUse = false;
        }
    }
}
