using Microsoft.Data.Sqlite;

namespace Masthead.Data.Sqlite;

/// <summary>
/// A copy of a live SQLite database through SQLite's online backup API: the pages of one consistent moment, taken
/// under a read lock, which in WAL mode never stops the server writing. The copy is one self-contained file (no -wal).
/// </summary>
public static class SqliteBackup
{
    public static void Copy(string sourceFile, string targetFile)
    {
        using (var source = new SqliteConnection($"Data Source={sourceFile};Mode=ReadWrite;Pooling=False"))
        using (var target = new SqliteConnection($"Data Source={targetFile};Mode=ReadWriteCreate;Pooling=False"))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
            Execute(target, "PRAGMA journal_mode=DELETE;");
            if (Execute(target, "PRAGMA quick_check;") is not "ok")
            {
                throw new InvalidDataException($"The copy of {sourceFile} at {targetFile} failed SQLite's check.");
            }
        }
    }

    private static string? Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }
}
