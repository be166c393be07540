using Microsoft.Data.Sqlite;

namespace Masthead.Hosting;

/// <summary>
/// Before EF Core opens the SQLite file: can it be read as a database, and can it be written? Asked with plain
/// ADO.NET, so a failure is one clear line on the console rather than a logged EF Core command error first.
/// </summary>
internal static class SqliteFileCheck
{
    public static async Task ReadAndWriteAsync(string databaseFile, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, null, "SELECT COUNT(*) FROM sqlite_master", cancellationToken);
        }
        catch (SqliteException exception)
        {
            throw CannotUse(databaseFile, exception);
        }

        try
        {
            // A read-only file in WAL mode still grants BEGIN IMMEDIATE; only writing a page finds out. Never committed.
            using var transaction = connection.BeginTransaction();
            await ExecuteAsync(connection, transaction, "CREATE TABLE masthead_write_check (id INTEGER)", cancellationToken);
        }
        catch (SqliteException exception)
        {
            throw new StartupException(
                $"Masthead cannot write to its database {databaseFile}: {exception.Message} Check that this user may write the file and its directory.",
                exception);
        }
    }

    public static StartupException CannotUse(string databaseFile, Exception exception) => new(
        $"Masthead cannot use its database {databaseFile}: {exception.Message} Check that the file is a Masthead database and that this user may read and write it.",
        exception);

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
