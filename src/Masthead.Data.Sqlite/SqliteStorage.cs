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
        services.AddMastheadDb(options => Configure(options, connectionString).UseModel(CompiledModel.MastheadDbModel.Instance));
        // Each scope's context runs on a pooled open connection that keeps its statements compiled (see Statements/).
        services.AddSingleton(_ => new SqliteConnectionPool(connectionString));
        services.AddScoped<IScopedDbSetup, PooledConnectionLease>();
        services.AddSingleton<IDatabaseTuning, SqliteTuning>();
        services.AddScoped<IArticleSearch, SqliteArticleSearch>();
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite
            .MigrationsAssembly(typeof(SqliteStorage).Assembly.GetName().Name)
            .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
        .AddInterceptors(PreparedStatementInterceptor.Instance);
}
