using Masthead.Core.Events;
using Masthead.Data.Sqlite;
using Masthead.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Masthead.Testing;

/// <summary>
/// A data directory and database with the demo publication seeded into them, which a test server's new data
/// directory is a copy of (its database a file copy on SQLite or CREATE DATABASE ... TEMPLATE on PostgreSQL, its
/// media files copied) rather than seeding its own: the seed and its images were over a second of every server start.
/// Each copy is the server's own, as a seeded one was. The demo is dated from the clock when it is seeded, so the
/// template is seeded again once it is a few minutes old, keeping "published two hours ago" near enough to true; and
/// a server with a fake clock set to about now copies one seeded no later than its clock says, as if it had seeded
/// its own demo a little earlier.
/// </summary>
internal static class DemoTemplate
{
    private static readonly TimeSpan MaximumAge = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long before the time asked for a template is dated from: a seed takes a second or two, and what it writes in
    /// that time must be dated before the clock of the server asking, which may stand still.
    /// </summary>
    private static readonly TimeSpan SeedLead = TimeSpan.FromMinutes(1);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Seeded? _current;

    /// <summary>Settings under which a server's own seed would differ from the template's, so it seeds its own.</summary>
    private static readonly string[] SettingsThatChangeTheSeed = ["--Masthead:Media", "--Masthead:Demo", "--Masthead:Database", "--ConnectionStrings"];

    /// <summary>Services a test may replace that the seed does not read (the clock aside), or whose work on it leaves nothing in the data.</summary>
    private static readonly Type[] ServicesThatLeaveSeedAlone = [typeof(TimeProvider), typeof(IChangeEventRelay)];

    public static bool LeavesSeedAlone(string[] extraArgs) =>
        !extraArgs.Any(arg => SettingsThatChangeTheSeed.Any(prefix => arg.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Whether a server started with <paramref name="services"/> in place of its own would seed the template's demo, and as of when.</summary>
    /// <param name="asOf">The fake clock's time the demo would be dated from; null for the real clock.</param>
    public static bool LeavesSeedAlone(Action<IServiceCollection>? services, out DateTime? asOf)
    {
        asOf = null;
        if (services is null)
        {
            return true;
        }

        var replaced = new ServiceCollection();
        services(replaced);
        if (replaced.Any(s => !ServicesThatLeaveSeedAlone.Contains(s.ServiceType)))
        {
            return false;
        }

        var clocks = replaced.Where(s => s.ServiceType == typeof(TimeProvider)).ToList();
        if (clocks.Count == 0)
        {
            return true;
        }

        if (clocks[^1].ImplementationInstance is not TimeProvider clock)
        {
            return false;
        }

        // A clock far from now would date the demo where the template's copies never are.
        asOf = clock.GetUtcNow().UtcDateTime;
        var behind = DateTime.UtcNow - asOf.Value;
        return behind >= TimeSpan.Zero && behind < MaximumAge;
    }

    /// <summary>Copies the seeded data directory, database included, into <paramref name="dataDirectory"/>, which has no database yet.</summary>
    /// <param name="asOf">See <see cref="LeavesSeedAlone(Action{IServiceCollection}?, out DateTime?)"/>.</param>
    public static Task CopySqliteAsync(string dataDirectory, DateTime? asOf) => WithCurrentAsync(asOf, seeded =>
    {
        CopyDirectory(seeded.DataDirectory, dataDirectory);
        return Task.CompletedTask;
    }, server: null);

    /// <summary>Creates the PostgreSQL database <paramref name="name"/> as a copy of the seeded one, and copies its media files into <paramref name="dataDirectory"/>.</summary>
    public static Task CreatePostgresCopyAsync(NpgsqlConnection server, string serverConnectionString, string name, string dataDirectory, DateTime? asOf) =>
        WithCurrentAsync(asOf, async seeded =>
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{seeded.PostgresName}\"", server);
            await create.ExecuteNonQueryAsync();
            CopyDirectory(seeded.DataDirectory, dataDirectory);
        }, (server, serverConnectionString));

    /// <summary>Copies are made one at a time, and never while the template is seeded: PostgreSQL refuses to copy a database anyone is connected to.</summary>
    private static async Task WithCurrentAsync(DateTime? asOf, Func<Seeded, Task> copy, (NpgsqlConnection Connection, string ConnectionString)? server)
    {
        await Gate.WaitAsync();
        try
        {
            var now = asOf ?? DateTime.UtcNow;
            if (_current is null || now < _current.FinishedAt || now - _current.SeededAt > MaximumAge)
            {
                _current?.Delete();
                _current = server is { } postgres ? await SeedPostgresAsync(postgres.Connection, postgres.ConnectionString, now) : await SeedSqliteAsync(now);
            }

            await copy(_current);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Seeded> SeedSqliteAsync(DateTime asOf)
    {
        var seeded = new Seeded(MastheadServer.NewDataDirectory(), PostgresName: null, null, asOf - SeedLead);
        await MigratedTemplate.CopySqliteAsync(seeded.DataDirectory);
        await SeedAsync(seeded, []);
        SqliteConnection.ClearAllPools();
        await MigratedTemplate.CheckpointAsync(SqliteStorage.DatabaseFileIn(seeded.DataDirectory));
        return seeded;
    }

    private static async Task<Seeded> SeedPostgresAsync(NpgsqlConnection server, string serverConnectionString, DateTime asOf)
    {
        var name = "masthead_demo_template_" + Guid.NewGuid().ToString("N")[..20];
        var seeded = new Seeded(MastheadServer.NewDataDirectory(), name, serverConnectionString, asOf - SeedLead);
        await MigratedTemplate.CreatePostgresCopyAsync(server, serverConnectionString, name);
        await SeedAsync(seeded, TestDatabase.ConnectionArguments(name, pooling: false));
        return seeded;
    }

    private static async Task SeedAsync(Seeded seeded, string[] databaseArguments)
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => seeded.Delete();
        var clock = new ShiftedClock(seeded.SeededAt - DateTime.UtcNow);
        await using var app = MastheadServer.Build(seeded.DataDirectory, demo: true, databaseArguments, services => services.AddSingleton<TimeProvider>(clock));
        await DatabaseStartup.FinishPreparingAsync(app.Services, firstRun: true);
        seeded.FinishedAt = clock.GetUtcNow().UtcDateTime;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        // The database's write-ahead log is checkpointed into the file and empty.
        var files = Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal));
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    /// <summary>The real clock set back to start at the time the template is dated from.</summary>
    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }

    /// <summary>The data are dated from <see cref="SeededAt"/> to <see cref="FinishedAt"/>; a copy's clock is never earlier.</summary>
    private sealed record Seeded(string DataDirectory, string? PostgresName, string? ServerConnectionString, DateTime SeededAt)
    {
        public DateTime FinishedAt { get; set; } = DateTime.MaxValue;

        public void Delete()
        {
            if (PostgresName is not null)
            {
                MigratedTemplate.DropQuietly(ServerConnectionString!, PostgresName);
            }

            MigratedTemplate.DeleteQuietly(DataDirectory);
        }
    }
}
