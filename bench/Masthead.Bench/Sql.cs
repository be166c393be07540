using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Masthead.Bench;

/// <summary>Small helpers for writing generated rows with prepared, positionally bound ($1, $2, ...) commands.</summary>
public static class Sql
{
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter("$" + i, null));
        }

        return command;
    }

    public static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    public static async Task ExecuteAsync(SqliteConnection connection, string sql, params object[] values)
    {
        await using var command = Prepare(connection, sql, values.Length);
        Bind(command, values);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql, params object[] values)
    {
        await using var command = Prepare(connection, sql, values.Length);
        Bind(command, values);
        return await command.ExecuteScalarAsync() is { } value and not DBNull
            ? (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture)
            : throw new BenchException($"No value from: {sql}");
    }

    /// <summary>A UTC time as EF Core's SQLite provider stores DateTime.</summary>
    public static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
