using System.Collections.Concurrent;

namespace Masthead.Data.Sqlite.Statements;

/// <summary>
/// Open <see cref="StatementCachingConnection"/>s kept between requests, so their compiled statements are reused. A
/// request (a DI scope using the database) borrows one for its lifetime; at most <see cref="Retained"/> are kept.
/// </summary>
internal sealed class SqliteConnectionPool(string connectionString) : IDisposable
{
    private const int Retained = 64;
    private readonly ConcurrentBag<StatementCachingConnection> _idle = [];
    private int _disposed;

    public StatementCachingConnection Rent()
    {
        if (_idle.TryTake(out var connection))
        {
            return connection;
        }

        connection = new StatementCachingConnection(connectionString);
        connection.Open();
        return connection;
    }

    public void Return(StatementCachingConnection connection)
    {
        connection.Borrower = null;
        if (Volatile.Read(ref _disposed) == 1 || connection.State != System.Data.ConnectionState.Open || _idle.Count >= Retained)
        {
            connection.Dispose();
            return;
        }

        _idle.Add(connection);
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _disposed, 1);
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}
