using System.Linq.Expressions;

namespace Masthead.Core.ContentApi.Nql;

/// <summary>Turns a parsed filter into one LINQ predicate, for EF Core or for rows already in memory.</summary>
public static class NqlCompiler
{
    /// <exception cref="ContentApiException">The filter names a property or comparison <paramref name="fields"/> does not support.</exception>
    public static Expression<Func<T, bool>> Compile<T>(NqlNode node, NqlFields<T> fields, DateTime now)
    {
        var parameter = Expression.Parameter(typeof(T), "item");
        return Expression.Lambda<Func<T, bool>>(Body(node, fields, now, parameter), parameter);
    }

    private static Expression Body<T>(NqlNode node, NqlFields<T> fields, DateTime now, ParameterExpression parameter) => node switch
    {
        NqlAnd and => and.Parts.Select(p => Body(p, fields, now, parameter)).Aggregate(Expression.AndAlso),
        NqlOr or => or.Parts.Select(p => Body(p, fields, now, parameter)).Aggregate(Expression.OrElse),
        NqlComparison comparison => Rebind(fields.Predicate(comparison, now), parameter),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static Expression Rebind<T>(Expression<Func<T, bool>> predicate, ParameterExpression parameter) =>
        new ParameterReplacer(predicate.Parameters[0], parameter).Visit(predicate.Body);
}
