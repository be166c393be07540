using Masthead.Core.Events;
using Masthead.Core.Search;
using Masthead.Core.Storage;
using Masthead.Data.Sqlite.Search;
using Masthead.Data.Sqlite.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Data.Sqlite;

public static class SqliteStorage
{
    public const string FileName = "masthead.db";

    public static string DatabaseFileIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    public static string ConnectionStringFor(string dataDirectory) =>
        $"Data Source={DatabaseFileIn(dataDirectory)};Foreign Keys=True";

    public static IServiceCollection AddMastheadSqlite(this IServiceCollection services, string connectionString)
    {
        SqliteProcessSettings.Apply();
        services.AddDbContextPool<MastheadDb>((provider, options) =>
        {
            Configure(options, connectionString);
            options.UseChangeEvents(provider);
        });
        // Each scope's context runs on a pooled open connection that keeps its statements compiled (see Statements/).
        services.AddSingleton(_ => new SqliteConnectionPool(connectionString));
        services.AddScoped<PooledConnectionLease>();
        var pooledContext = services.Last(service => service.ServiceType == typeof(MastheadDb));
        services.Remove(pooledContext);
        services.AddScoped(provider => provider.GetRequiredService<PooledConnectionLease>().Attach((MastheadDb)pooledContext.ImplementationFactory!(provider)));
        services.AddSingleton<IDatabaseTuning, SqliteTuning>();
        services.AddScoped<IArticleSearch, SqliteArticleSearch>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite
            .MigrationsAssembly(typeof(SqliteStorage).Assembly.GetName().Name)
            .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
        .AddInterceptors(PreparedStatementInterceptor.Instance);
}
