using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Data.Sqlite.Statements;

/// <summary>Lends the scope's <see cref="MastheadDb"/> a pooled open connection, and takes it back when the scope ends.</summary>
internal sealed class PooledConnectionLease(SqliteConnectionPool pool) : IScopedDbSetup, IDisposable
{
    private StatementCachingConnection? _connection;

    public void Prepare(MastheadDb db)
    {
        _connection ??= pool.Rent();
        _connection.Borrower = db;
        db.Database.SetDbConnection(_connection, contextOwnsConnection: false);
    }

    public void Dispose()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            pool.Return(connection);
        }
    }
}
