using Masthead.Core.Search;
using Masthead.Core.Storage;
using Masthead.Data.Postgres.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Data.Postgres;

public static class PostgresStorage
{
    public static IServiceCollection AddMastheadPostgres(this IServiceCollection services, string connectionString)
    {
        services.AddMastheadDb(options => Configure(options, connectionString).UseModel(CompiledModel.MastheadDbModel.Instance));
        services.AddScoped<IArticleSearch, PostgresArticleSearch>();
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(ConnectionDefaults.Apply(connectionString), postgres => postgres
            .MigrationsAssembly(typeof(PostgresStorage).Assembly.GetName().Name)
            .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));

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
