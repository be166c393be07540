using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masthead.Data.Sqlite.Statements;

/// <summary>Hands EF Core the compiled command for each query's SQL when it runs on a <see cref="StatementCachingConnection"/>.</summary>
internal sealed class PreparedStatementInterceptor : DbCommandInterceptor
{
    public static readonly PreparedStatementInterceptor Instance = new();

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result) =>
        result.Connection is StatementCachingConnection connection ? connection.Lend(result) : result;
}
