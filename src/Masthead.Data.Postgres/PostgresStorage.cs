using System.Data.Common;
using Masthead.Core.Search;
using Masthead.Core.Storage;
using Masthead.Data.Postgres.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Masthead.Data.Postgres;

public static class PostgresStorage
{
    public static IServiceCollection AddMastheadPostgres(this IServiceCollection services, string connectionString)
    {
        services.AddMastheadDb(options => Configure(options, connectionString).UseModel(CompiledModel.MastheadDbModel.Instance));
        services.AddScoped<IArticleSearch, PostgresArticleSearch>();
        return services;
    }

    /// <summary>
    /// Connections each node may hold when its connection string does not say: Npgsql's own default (100) equals
    /// PostgreSQL's default <c>max_connections</c>, so a second node under a burst (a thousand readers opening a live
    /// story at once) was refused connections and answered 503. Four nodes at 20 leave PostgreSQL room for more;
    /// a request beyond the pool waits for a free connection (up to the connection string's <c>Timeout</c>).
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithPoolSize(connectionString), postgres => postgres
            .MigrationsAssembly(typeof(PostgresStorage).Assembly.GetName().Name)
            .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));

    /// <summary>The connection string with <see cref="DefaultMaxPoolSize"/> where it sets no maximum pool size of its own.</summary>
    public static string WithPoolSize(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal) is var name
            && (name.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) || name.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase))))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
    }

    /// <summary>After rows were inserted with their ids (a copy from SQLite), moves each id sequence past the highest id.</summary>
    public static async Task ResetIdSequencesAsync(MastheadDb db, CancellationToken cancellationToken)
    {
        foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned()))
        {
            if (type.FindPrimaryKey()?.Properties is not [{ ValueGenerated: ValueGenerated.OnAdd } id] || (id.ClrType != typeof(int) && id.ClrType != typeof(long)))
            {
                continue;
            }

            var table = type.GetTableName();
            var column = id.GetColumnName();
            // Names from the model, not from input.
            var sql = $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)";
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
    }
}
