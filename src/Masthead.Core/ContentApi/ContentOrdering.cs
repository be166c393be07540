using System.Linq.Expressions;

namespace Masthead.Core.ContentApi;

/// <summary>The fields one resource may be ordered by, and how to apply an order to a query (EF Core or in memory).</summary>
internal sealed class ContentOrdering<T>(string resource, IReadOnlyList<ContentOrder> defaultOrder, Expression<Func<T, string>> slug)
{
    private readonly Dictionary<string, LambdaExpression> _keys = new(StringComparer.Ordinal);

    public ContentOrdering<T> By<TKey>(string field, Expression<Func<T, TKey>> key)
    {
        _keys[field] = key;
        return this;
    }

    /// <summary>
    /// Orders by the request's order (or the default), then by <paramref name="tieBreaker"/> so pages never overlap;
    /// a filter of slug:[c,a,b] alone comes in the list's order first.
    /// </summary>
    /// <exception cref="ContentApiException">An order names a field this resource cannot be ordered by.</exception>
    public IQueryable<T> Apply(IQueryable<T> query, ContentRequest request, ContentOrder tieBreaker)
    {
        var order = request.Order;
        var clauses = (order is { Count: > 0 } ? order : defaultOrder).Append(tieBreaker);
        var first = true;
        if (request.ListedSlugs is { } listed)
        {
            query = query.OrderBy(InList(listed));
            first = false;
        }

        foreach (var clause in clauses)
        {
            if (!_keys.TryGetValue(clause.Field, out var key))
            {
                throw ContentApiException.BadRequest(
                    $"{resource} cannot be ordered by '{clause.Field}'; use {string.Join(", ", _keys.Keys)}, each followed by asc or desc.");
            }

            var method = (first, clause.Descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                (false, true) => nameof(Queryable.ThenByDescending),
            };
            query = query.Provider.CreateQuery<T>(Expression.Call(typeof(Queryable), method, [typeof(T), key.ReturnType], query.Expression, Expression.Quote(key)));
            first = false;
        }

        return query;
    }

    /// <summary>The slug's place in <paramref name="slugs"/>: slug == c ? 0 : slug == a ? 1 : ..., a CASE in SQL.</summary>
    private Expression<Func<T, int>> InList(IReadOnlyList<string> slugs)
    {
        Expression place = Expression.Constant(slugs.Count);
        for (var i = slugs.Count - 1; i >= 0; i--)
        {
            place = Expression.Condition(Expression.Equal(slug.Body, Expression.Constant(slugs[i])), Expression.Constant(i), place);
        }

        return Expression.Lambda<Func<T, int>>(place, slug.Parameters);
    }
}
