using Masthead.Core.Storage;
using Masthead.Data.Postgres;
using Masthead.Data.Sqlite;
using Masthead.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Cli;

/// <summary>`masthead migrate --from-sqlite FILE`: moves a publication from its SQLite file into an empty PostgreSQL database.</summary>
internal static class CopyFromSqliteCommand
{
    public static Task<int> RunAsync(string[] hostArgs, FileInfo sqliteFile, CancellationToken cancellationToken) =>
        ConsoleErrors.GuardAsync(async () =>
        {
            await using var app = MastheadApp.Build(hostArgs);
            if (app.Services.GetRequiredService<IOptions<MastheadOptions>>().Value.Database.IsSqlite)
            {
                throw new StartupException(
                    "--from-sqlite copies into PostgreSQL: set Masthead__Database__Provider=Postgres and ConnectionStrings__Masthead to the empty database.");
            }

            if (!sqliteFile.Exists)
            {
                throw new StartupException($"There is no SQLite database at {sqliteFile.FullName}.");
            }

            await DatabaseStartup.MigrateAsync(app.Services, cancellationToken);
            await using var source = await OpenSourceAsync(sqliteFile, cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var target = scope.ServiceProvider.GetRequiredService<MastheadDb>();
            IReadOnlyList<TableCopy> copies;
            await using (var transaction = await target.Database.BeginTransactionAsync(cancellationToken))
            {
                try
                {
                    copies = await DatabaseCopier.CopyAsync(source, target, cancellationToken);
                }
                catch (DatabaseNotEmptyException exception)
                {
                    throw new StartupException(exception.Message, exception);
                }

                await PostgresStorage.ResetIdSequencesAsync(target, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            foreach (var copy in copies.Where(c => c.Rows > 0))
            {
                Console.WriteLine($"{copy.Table,-24} {copy.Rows,8:N0} rows");
            }

            Console.WriteLine($"Copied {copies.Sum(c => c.Rows):N0} rows in {copies.Count} tables from {sqliteFile.FullName}.");
            return 0;
        });

    /// <summary>Opens the SQLite file and brings it to this version's schema first, as `serve` would.</summary>
    private static async Task<MastheadDb> OpenSourceAsync(FileInfo file, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<MastheadDb>();
        SqliteStorage.Configure(options, $"Data Source={file.FullName};Foreign Keys=True;Mode=ReadWrite");
        options.WithIdentitySchema();
        var source = new MastheadDb(options.Options);
        try
        {
            await new DatabaseMigrator(source, []).MigrateAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DatabaseTooNewException or System.Data.Common.DbException)
        {
            await source.DisposeAsync();
            throw new StartupException($"{file.FullName} cannot be read as a Masthead database: {exception.Message}", exception);
        }

        return source;
    }
}
