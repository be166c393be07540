using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.Contact;
using Masthead.Core.ContentApi;
using Masthead.Core.Corrections;
using Masthead.Core.SecondFactors;
using Masthead.Core.Storage;
using Masthead.Data.Postgres;
using Masthead.Data.Sqlite;
using Masthead.Testing;
using Masthead.Tests.Cli;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Masthead.Tests;

/// <summary>`masthead migrate --from-sqlite FILE` moves a whole publication from SQLite into PostgreSQL.</summary>
public sealed class CopyFromSqliteTests
{
    private static readonly JsonSerializerOptions RowFormat = new() { Converters = { new MicrosecondDateTimeConverter() } };

    [Fact]
    public async Task Every_row_of_every_table_arrives_with_its_id_and_new_rows_get_fresh_ids()
    {
        using var masthead = new MastheadProcess();
        var target = await TestDatabase.ArgumentsForAsync(masthead.WorkingDirectory);
        try
        {
            Assert.Equal(0, (await masthead.RunAsync("seed-demo")).ExitCode);
            await AddRowsTheDemoLacksAsync(masthead.DatabasePath);

            var (exitCode, output, error) = await masthead.RunAsync(["migrate", "--from-sqlite", masthead.DatabasePath, .. target]);

            Assert.True(exitCode == 0, error);
            Assert.Matches(@"Copied [\d,]+ rows in \d+ tables from ", output);
            await using var sqlite = Sqlite(masthead.DatabasePath);
            await using var postgres = Postgres(target);
            foreach (var table in DatabaseCopier.InDependencyOrder(postgres.Model))
            {
                Assert.Equal(await RowsAsync(sqlite, table), await RowsAsync(postgres, table));
            }

            var nextId = await postgres.ContactMessages.MaxAsync(m => m.Id) + 1;
            postgres.ContactMessages.Add(new ContactMessage { Name = "After", Email = "after@example.org", Subject = "Moved", Body = "Hello." });
            await postgres.SaveChangesAsync();
            Assert.Equal(nextId, await postgres.ContactMessages.MaxAsync(m => m.Id));
            // Tables with 64-bit ids too (the audit log, live events, sessions): the first sign-in after a move writes to the audit log.
            Assert.True(await postgres.LiveEvents.AnyAsync());
            foreach (var (table, column) in GeneratedIds(postgres.Model))
            {
                var nextSql = $"SELECT nextval(pg_get_serial_sequence('\"{table}\"', '{column}')) AS \"Value\"";
                var highestSql = $"SELECT COALESCE(MAX(\"{column}\"), 0)::bigint AS \"Value\" FROM \"{table}\"";
                var next = await postgres.Database.SqlQueryRaw<long>(nextSql).SingleAsync();
                var highest = await postgres.Database.SqlQueryRaw<long>(highestSql).SingleAsync();
                Assert.True(next > highest, $"{table}'s next id {next} is not above its highest, {highest}.");
            }
        }
        finally
        {
            await TestDatabase.DropAsync(masthead.WorkingDirectory);
        }
    }

    [Fact]
    public async Task A_database_that_already_holds_a_publication_is_refused_and_left_as_it_was()
    {
        using var masthead = new MastheadProcess();
        var target = await TestDatabase.ArgumentsForAsync(masthead.WorkingDirectory);
        try
        {
            Assert.Equal(0, (await masthead.RunAsync("seed-demo")).ExitCode);
            Assert.Equal(0, (await masthead.RunAsync(["seed-demo", .. target])).ExitCode);
            await using var postgres = Postgres(target);
            var articles = await postgres.Articles.CountAsync();

            var (exitCode, _, error) = await masthead.RunAsync(["migrate", "--from-sqlite", masthead.DatabasePath, .. target]);

            Assert.Equal(1, exitCode);
            Assert.StartsWith("masthead: The target database already holds content", error);
            Assert.Equal(articles, await postgres.Articles.CountAsync());
        }
        finally
        {
            await TestDatabase.DropAsync(masthead.WorkingDirectory);
        }
    }

    [Fact]
    public async Task Copying_needs_the_postgres_provider_and_an_existing_file()
    {
        using var masthead = new MastheadProcess();
        var target = await TestDatabase.ArgumentsForAsync(masthead.WorkingDirectory);
        try
        {
            var onSqlite = await masthead.RunAsync("migrate", "--from-sqlite", "elsewhere.db");
            var missing = await masthead.RunAsync(["migrate", "--from-sqlite", "missing.db", .. target]);

            Assert.Equal(1, onSqlite.ExitCode);
            Assert.Contains("Masthead__Database__Provider=Postgres", onSqlite.Error);
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("There is no SQLite database at", missing.Error);
        }
        finally
        {
            await TestDatabase.DropAsync(masthead.WorkingDirectory);
        }
    }

    private static async Task AddRowsTheDemoLacksAsync(string databasePath)
    {
        await using var db = Sqlite(databasePath);
        var article = await db.Articles.OrderBy(a => a.Id).FirstAsync();
        db.ArticleRedirects.Add(new ArticleRedirect { Path = "/2026/01/01/an-older-slug", ArticleId = article.Id });
        db.ArticleNotes.Add(new ArticleNote { ArticleId = article.Id, Kind = ArticleNoteKind.Correction, Text = "A figure was wrong.", PublishedAt = DateTime.UtcNow });
        db.ContactMessages.Add(new ContactMessage { Name = "Reader", Email = "reader@example.org", Subject = "Tip", Body = "Look into it.", ReceivedAt = DateTime.UtcNow });
        db.ContentApiKeys.Add(new ContentApiKey { Name = "Mobile app", Secret = "0123456789abcdef0123456789", CreatedAt = DateTime.UtcNow });
        var account = await db.Users.OrderBy(a => a.Id).FirstAsync();
        db.StaffAuthenticators.Add(new StaffAuthenticator
        {
            StaffAccountId = account.Id,
            Key = "JBSWY3DPEHPK3PXP",
            CreatedAt = DateTime.UtcNow,
            ConfirmedAt = DateTime.UtcNow,
            LastUsedStep = 59_000_000
        });
        db.StaffRecoveryCodes.Add(new StaffRecoveryCode { StaffAccountId = account.Id, CodeHash = RecoveryCodes.Hash("abcde-23456"), CreatedAt = DateTime.UtcNow });
        db.UserPasskeys.Add(new IdentityUserPasskey<int>
        {
            CredentialId = [1, 2, 3, 4],
            UserId = account.Id,
            Data = new IdentityPasskeyData
            {
                Name = "Work laptop",
                PublicKey = [5, 6, 7],
                CreatedAt = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero),
                SignCount = 3,
                Transports = ["internal"],
                IsUserVerified = true,
                AttestationObject = [8],
                ClientDataJson = [9],
            },
        });
        await db.SaveChangesAsync();
    }

    /// <summary>The table and column of every id the database generates (names from the model).</summary>
    private static IEnumerable<(string Table, string Column)> GeneratedIds(IModel model) =>
        model.GetEntityTypes()
            .Where(t => !t.IsOwned() && t.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } id]
                && (id.ClrType == typeof(int) || id.ClrType == typeof(long)))
            .Select(t => (t.GetTableName()!, t.FindPrimaryKey()!.Properties[0].GetColumnName()));

    /// <summary>Every row of a table as JSON, sorted, so two databases compare value by value.</summary>
    private static async Task<List<string>> RowsAsync(MastheadDb db, IEntityType table)
    {
        var rows = await ((IQueryable<object>)db.GetType().GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
            .MakeGenericMethod(table.ClrType).Invoke(db, null)!).AsNoTracking().ToListAsync();
        return rows.Select(row => $"{table.GetTableName()}: {JsonSerializer.Serialize(row, table.ClrType, RowFormat)}").Order(StringComparer.Ordinal).ToList();
    }

    private static MastheadDb Sqlite(string path)
    {
        var options = new DbContextOptionsBuilder<MastheadDb>();
        SqliteStorage.Configure(options, $"Data Source={path};Pooling=False");
        return new MastheadDb(options.WithIdentitySchema().Options);
    }

    private static MastheadDb Postgres(string[] serverArgs)
    {
        var options = new DbContextOptionsBuilder<MastheadDb>();
        PostgresStorage.Configure(options, serverArgs.Single(a => a.StartsWith("--ConnectionStrings:Masthead=", StringComparison.Ordinal)).Split('=', 2)[1]);
        return new MastheadDb(options.WithIdentitySchema().Options);
    }

    /// <summary>PostgreSQL keeps times to the microsecond; SQLite's text keeps the tenth of a microsecond .NET gives.</summary>
    private sealed class MicrosecondDateTimeConverter : System.Text.Json.Serialization.JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTime();

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(new DateTime(value.Ticks - value.Ticks % 10, DateTimeKind.Utc));
    }
}
