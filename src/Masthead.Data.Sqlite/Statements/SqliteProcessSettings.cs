using SQLitePCL;

namespace Masthead.Data.Sqlite.Statements;

/// <summary>
/// SQLite's process-wide settings, which apply only before the first connection opens. Its memory statistics,
/// on by default, take one global lock on every allocation: with many connections reading at once, threads spent
/// more time waiting for that lock than running queries. Nothing here reads the statistics.
/// </summary>
internal static class SqliteProcessSettings
{
    private const int ConfigMemoryStatistics = 9; // SQLITE_CONFIG_MEMSTATUS

    private static readonly Lazy<int> Applied = new(() =>
    {
        Batteries_V2.Init();
        return raw.sqlite3_config(ConfigMemoryStatistics, 0); // SQLITE_MISUSE when a connection has opened already: then it stays on
    });

    public static void Apply() => _ = Applied.Value;
}
