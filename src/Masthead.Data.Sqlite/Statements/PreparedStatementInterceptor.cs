using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masthead.Data.Sqlite.Statements;

/// <summary>Hands EF Core the compiled command for each query's SQL when it runs on a <see cref="StatementCachingConnection"/>.</summary>
internal sealed class PreparedStatementInterceptor : DbCommandInterceptor
{
    public static readonly PreparedStatementInterceptor Instance = new();

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (result.Connection is not StatementCachingConnection connection)
        {
            return result;
        }

        // EF Core's context pool keeps the connection a context last had: one taken from the factory rather than
        // through a scope would share it with whichever scope has it now.
        if (eventData.Context is { } context && connection.Borrower != context)
        {
            throw new InvalidOperationException(
                "This context's connection belongs to the pool and may be in use by another scope: take MastheadDb from a scope, not from IDbContextFactory<MastheadDb>.");
        }

        return connection.Lend(result);
    }
}
