using System.Data;
using Masthead.Core.Storage;
using Masthead.Core.Tags;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

namespace Masthead.Data.Sqlite.Tests;

/// <summary>
/// The statement cache as the site uses it: scopes of services registered by AddMastheadSqlite, on a migrated
/// database file, queried through EF Core. What SQLite has compiled is read from the connection itself.
/// </summary>
public sealed class StatementCacheTests : IAsyncLifetime
{
    /// <summary>SQLITE_STMTSTATUS_RUN: how many times a compiled statement has been run.</summary>
    private const int StatementRuns = 6;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "masthead-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        // The schema and rows are written through services of their own, so each test starts with an empty pool.
        await using (var setup = NewServices(SqliteStorage.ConnectionStringFor(_dataDirectory)))
        {
            await using var scope = setup.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
            await db.Database.MigrateAsync();
            db.Tags.AddRange(NewTag("budget", "Budget"), NewTag("bridges", "Bridges"), NewTag("buses", "Buses"), NewTag("schools", "Schools"));
            await db.SaveChangesAsync();
        }

        // Without Microsoft.Data.Sqlite's own pooling each connection opens a new SQLite handle, so every statement on it
        // was compiled while the test listed them (a reused handle also holds the FTS5 index's own statements).
        _services = NewServices(SqliteStorage.ConnectionStringFor(_dataDirectory) + ";Pooling=False");
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task The_same_query_run_twice_on_one_connection_runs_one_compiled_statement_with_each_runs_values()
    {
        await InScopeAsync(async db =>
        {
            var connection = ConnectionWithStatementsListed(db);

            Assert.Equal(["Budget"], await NamesBySlug(db, "budget"));
            Assert.Equal(["Schools"], await NamesBySlug(db, "schools"));

            var statement = Assert.Single(CompiledStatements(connection), s => s.Sql.Contains("FROM \"Tags\""));
            Assert.Equal(2, statement.Runs);
        });
    }

    [Fact]
    public async Task Statements_used_in_a_rolled_back_transaction_then_outside_any_see_and_write_only_committed_data()
    {
        await InScopeAsync(async db =>
        {
            var connection = ConnectionWithStatementsListed(db);
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                db.Tags.Add(NewTag("ferries", "Ferries"));
                await db.SaveChangesAsync();
                Assert.Equal(["Ferries"], await NamesBySlug(db, "ferries"));
                await transaction.RollbackAsync();
            }

            db.ChangeTracker.Clear();
            Assert.Empty(await NamesBySlug(db, "ferries"));
            Assert.Equal(["Buses"], await NamesBySlug(db, "buses"));
            db.Tags.Add(NewTag("harbour", "Harbour"));
            await db.SaveChangesAsync();

            var statements = CompiledStatements(connection);
            Assert.Equal(3, Assert.Single(statements, s => s.Sql.Contains("FROM \"Tags\"")).Runs);
            Assert.Equal(2, Assert.Single(statements, s => s.Sql.StartsWith("INSERT INTO \"Tags\"")).Runs);
        });

        // Read on a connection of its own: the insert outside the transaction was committed, the one inside was not.
        await using var reader = new SqliteConnection(SqliteStorage.ConnectionStringFor(_dataDirectory));
        await reader.OpenAsync();
        await using var command = new SqliteCommand("SELECT group_concat(\"Slug\") FROM \"Tags\" WHERE \"Slug\" IN ('ferries', 'harbour')", reader);
        Assert.Equal("harbour", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_statement_busy_with_an_open_reader_is_not_lent_to_a_second_query()
    {
        await InScopeAsync(async db =>
        {
            await using var outer = NamesStartingWith(db, "B").AsAsyncEnumerable().GetAsyncEnumerator();
            Assert.True(await outer.MoveNextAsync());
            Assert.Equal("Bridges", outer.Current);

            Assert.Equal(["Schools"], await NamesStartingWith(db, "S").ToListAsync());

            var rest = new List<string>();
            while (await outer.MoveNextAsync())
            {
                rest.Add(outer.Current);
            }

            Assert.Equal(["Budget", "Buses"], rest);
        });
    }

    [Fact]
    public async Task After_a_failing_command_in_a_scope_its_connection_goes_back_to_the_pool_and_the_next_scope_works()
    {
        SqliteConnection? failed = null;
        await InScopeAsync(async db =>
        {
            failed = Connection(db);
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Tags.Add(NewTag("gardens", "Gardens"));
            await db.SaveChangesAsync();
            db.Tags.Add(NewTag("budget", "Budget, again"));
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(19, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode); // SQLITE_CONSTRAINT: the slug is taken
            // The scope ends with its transaction neither committed nor rolled back.
        });

        await InScopeAsync(async db =>
        {
            Assert.Same(failed, Connection(db));
            Assert.Equal(ConnectionState.Open, failed!.State);
            Assert.Empty(await NamesBySlug(db, "gardens"));
            db.Tags.Add(NewTag("gardens", "Gardens"));
            await db.SaveChangesAsync();
            Assert.Equal(["Gardens"], await NamesBySlug(db, "gardens"));
        });
    }

    [Fact]
    public async Task Of_70_connections_lent_at_once_64_are_kept_open_for_later_scopes_and_the_other_6_are_disposed()
    {
        var scopes = Enumerable.Range(0, 70).Select(_ => _services.CreateAsyncScope()).ToList();
        var connections = new List<SqliteConnection>();
        foreach (var scope in scopes)
        {
            var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
            Assert.Equal(["Budget"], await NamesBySlug(db, "budget"));
            connections.Add(Connection(db));
        }

        Assert.Equal(70, connections.Distinct().Count());
        foreach (var scope in scopes)
        {
            await scope.DisposeAsync();
        }

        var kept = connections.Where(c => c.State == ConnectionState.Open).ToList();
        Assert.Equal(64, kept.Count);
        Assert.Equal(6, connections.Count(c => c.State == ConnectionState.Closed));
        await InScopeAsync(async db =>
        {
            Assert.Contains(Connection(db), kept);
            Assert.Equal(["Buses"], await NamesBySlug(db, "buses"));
        });
    }

    [Fact]
    public async Task A_context_taken_straight_from_the_factory_is_refused_the_connection_a_scope_lent_it_before()
    {
        await InScopeAsync(async db => Assert.Equal(["Budget"], await NamesBySlug(db, "budget")));

        // The context pool hands back the context that scope used, still holding the connection now back in the pool.
        await using var direct = await _services.GetRequiredService<IDbContextFactory<MastheadDb>>().CreateDbContextAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => NamesBySlug(direct, "budget"));
        Assert.Contains("take MastheadDb from a scope", error.Message);
    }

    private static ServiceProvider NewServices(string connectionString) =>
        new ServiceCollection().AddMastheadSqlite(connectionString).BuildServiceProvider();

    private async Task InScopeAsync(Func<MastheadDb, Task> work)
    {
        await using var scope = _services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<MastheadDb>());
    }

    private static Tag NewTag(string slug, string name) => new() { Slug = slug, Name = name };

    private static Task<List<string>> NamesBySlug(MastheadDb db, string slug) =>
        db.Tags.Where(t => t.Slug == slug).Select(t => t.Name).ToListAsync();

    private static IQueryable<string> NamesStartingWith(MastheadDb db, string prefix) =>
        db.Tags.Where(t => t.Name.StartsWith(prefix)).OrderBy(t => t.Name).Select(t => t.Name);

    private static SqliteConnection Connection(MastheadDb db) => (SqliteConnection)db.Database.GetDbConnection();

    /// <summary>The scope's connection, set to list the statements compiled on it from now on.</summary>
    private static SqliteConnection ConnectionWithStatementsListed(MastheadDb db)
    {
        var connection = Connection(db);
        connection.Handle!.enable_sqlite3_next_stmt(true);
        return connection;
    }

    private static List<(string Sql, int Runs)> CompiledStatements(SqliteConnection connection)
    {
        var statements = new List<(string, int)>();
        for (var statement = raw.sqlite3_next_stmt(connection.Handle, null); statement is not null; statement = raw.sqlite3_next_stmt(connection.Handle, statement))
        {
            statements.Add((raw.sqlite3_sql(statement).utf8_to_string(), raw.sqlite3_stmt_status(statement, StatementRuns, 0)));
        }

        return statements;
    }
}
