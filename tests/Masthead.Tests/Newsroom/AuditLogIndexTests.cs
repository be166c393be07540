using System.Collections.Concurrent;
using System.Diagnostics;
using Masthead.Core.Audit;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// The audit log stays fast however long it grows: every statement behind the page, filtered any way and at any
/// depth, reads the log through an index in the order it shows, never the whole table and never a sort of it. Checked
/// with SQLite's own query plans for the statements the page ran.
/// </summary>
public sealed class AuditLogIndexTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task Every_statement_of_the_audit_page_reads_the_log_through_an_index_in_its_order()
    {
        TestEnvironment.Require(!TestDatabase.UsePostgres, "Query plans are checked on SQLite; PostgreSQL plans by the statistics of the moment.");
        var anaya = await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Staff.Where(s => s.Slug == "anaya-kessler").Select(s => s.Id).SingleAsync());
        await Server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            var start = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);
            for (var n = 0; n < 120; n++)
            {
                db.Record(start.AddMinutes(n), new Actor(n % 2 == 0 ? anaya : null, Core.People.NewsroomRole.Editor, "Someone"),
                    n % 3 == 0 ? AuditActions.Published : AuditActions.Saved, details: $"Entry {n}");
            }

            await db.SaveChangesAsync();
        });
        using var admin = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        using var recorder = new StatementRecorder(Server.DataDirectory);

        foreach (var filter in new[] { "", $"actor={anaya}", "action=saved", "from=2025-06-01&to=2025-06-01", $"actor={anaya}&action=published&from=2025-05-01&to=2025-06-30" })
        {
            var first = await admin.GetDocumentAsync($"/newsroom/audit?{filter}");
            if (first.QuerySelector(".pager a[rel=next]")?.GetAttribute("href") is { } older)
            {
                var second = await admin.GetDocumentAsync(older);
                await admin.GetDocumentAsync(second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href")!);
            }
        }

        var statements = recorder.Statements.Where(s => s.Sql.Contains("FROM \"AuditLog\"", StringComparison.Ordinal)).ToList();
        Assert.True(statements.Count >= 10, $"Only {statements.Count} statements read the log.");
        foreach (var statement in statements)
        {
            var plan = await PlanAsync(statement);
            var reads = plan.Where(step => step.StartsWith("SCAN a", StringComparison.Ordinal) || step.StartsWith("SEARCH a", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(reads);
            Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
            if (statement.Sql.Contains("WHERE", StringComparison.Ordinal))
            {
                // Narrowed or further down: a range of an index, however many entries lie outside it.
                Assert.All(reads, step => Assert.StartsWith("SEARCH a USING ", step));
            }
            else
            {
                // The newest page: the time index read backwards, stopping after one page.
                Assert.All(reads, step => Assert.StartsWith("SCAN a USING INDEX IX_AuditLog_At_Id", step));
            }
        }
    }

    private async Task<List<string>> PlanAsync(RecordedStatement statement)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(Server.DataDirectory, "masthead.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + statement.Sql;
        foreach (var (name, value) in statement.Parameters)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var steps = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }

    private sealed record RecordedStatement(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

    /// <summary>The statements EF Core sends to one data directory's database while it is alive, from its diagnostic events.</summary>
    private sealed class StatementRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _dataDirectory;
        private readonly IDisposable _all;
        private readonly ConcurrentBag<IDisposable> _subscriptions = [];
        private readonly ConcurrentQueue<RecordedStatement> _statements = new();

        public StatementRecorder(string dataDirectory)
        {
            _dataDirectory = dataDirectory;
            _all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public IReadOnlyList<RecordedStatement> Statements => [.. _statements];

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                _subscriptions.Add(listener.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData { Command: var command }
                && command.Connection?.DataSource?.StartsWith(_dataDirectory, StringComparison.Ordinal) == true)
            {
                _statements.Enqueue(new RecordedStatement(command.CommandText,
                    command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}
