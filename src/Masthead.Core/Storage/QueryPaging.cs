using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Storage;

public static class QueryPaging
{
    private static readonly MethodInfo ConstantInt = typeof(EF).GetMethod(nameof(EF.Constant))!.MakeGenericMethod(typeof(int));

    /// <summary>
    /// Skips <paramref name="skip"/> rows and takes <paramref name="take"/>, with the count written into the SQL: SQLite
    /// plans a statement whose LIMIT is a bound parameter again on every run, which costs more than running it. Lists
    /// use a handful of page sizes, so a handful of statements; the first page, the busiest, has no OFFSET at all.
    /// </summary>
    public static IQueryable<T> Page<T>(this IQueryable<T> query, int skip, int take)
    {
        var source = skip > 0 ? query.Skip(skip) : query;
        var inlined = Expression.Call(ConstantInt, Expression.Constant(take)); // EF.Constant(take), inside the query
        return source.Provider.CreateQuery<T>(
            Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(T)], source.Expression, inlined));
    }
}
