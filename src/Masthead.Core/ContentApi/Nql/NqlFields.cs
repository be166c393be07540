using System.Globalization;
using System.Linq.Expressions;

namespace Masthead.Core.ContentApi.Nql;

/// <summary>
/// The properties a filter may name on one resource, each able to turn a comparison into a predicate over
/// <typeparamref name="T"/>. Values are captured in closures, never inlined as constants, so EF Core sends them as
/// parameters and reuses its compiled query for every value.
/// </summary>
public sealed class NqlFields<T>(string resource)
{
    private readonly Dictionary<string, Func<NqlComparison, DateTime, Expression<Func<T, bool>>>> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _documented = [];

    public string Resource => resource;

    /// <summary>The property names as the API documents them, aliases included.</summary>
    public IReadOnlyList<string> Names => _documented;

    public NqlFields<T> Text(string name, Expression<Func<T, string?>> selector, params string[] aliases) =>
        Add(name, aliases, (c, _) => TextPredicate(c, selector));

    public NqlFields<T> Number(string name, Expression<Func<T, int>> selector) =>
        Add(name, [], (c, _) => NumberPredicate(c, selector));

    public NqlFields<T> Date(string name, Expression<Func<T, DateTime?>> selector) =>
        Add(name, [], (c, now) => DatePredicate(c, selector, now));

    public NqlFields<T> Boolean(string name, Expression<Func<T, bool>> selector) =>
        Add(name, [], (c, _) => BooleanPredicate(c, selector));

    public NqlFields<T> Uuid(string name, Expression<Func<T, Guid>> selector) =>
        Add(name, [], (c, _) => UuidPredicate(c, selector));

    /// <summary>A property every item has with the same value, such as visibility:public.</summary>
    public NqlFields<T> Constant(string name, string value) =>
        Add(name, [], (c, _) => Is(Values(c, NqlValueKind.Text).Contains(value) == (c.Operator is NqlOperator.Equal or NqlOperator.In), c));

    /// <summary>A to-many relation matched by slug: tag:news, tags:[a,b], tag:-news.</summary>
    public NqlFields<T> Membership(string name, Func<IReadOnlyList<string>, Expression<Func<T, bool>>> hasAny, params string[] aliases) =>
        Add(name, aliases, (c, _) => c.Operator switch
        {
            NqlOperator.Equal or NqlOperator.In => hasAny(Values(c, NqlValueKind.Text)),
            NqlOperator.NotEqual or NqlOperator.NotIn => Not(hasAny(Values(c, NqlValueKind.Text))),
            _ => throw Unsupported(c),
        });

    /// <summary>The predicate for one comparison.</summary>
    /// <exception cref="ContentApiException">The property or operator is not supported here, or the value is unusable.</exception>
    public Expression<Func<T, bool>> Predicate(NqlComparison comparison, DateTime now) =>
        _fields.TryGetValue(comparison.Property, out var build)
            ? build(comparison, now)
            : throw ContentApiException.BadRequest(
                $"The filter property '{comparison.Property}' is not supported on {resource}; use {string.Join(", ", _documented)}.");

    private NqlFields<T> Add(string name, string[] aliases, Func<NqlComparison, DateTime, Expression<Func<T, bool>>> build)
    {
        foreach (var key in aliases.Prepend(name))
        {
            _fields[key] = build;
            _documented.Add(key);
        }

        return this;
    }

    private static Expression<Func<T, bool>> TextPredicate(NqlComparison c, Expression<Func<T, string?>> selector)
    {
        if (c.Operator is NqlOperator.Equal or NqlOperator.NotEqual && c.Values[0].Kind == NqlValueKind.Null)
        {
            return Compose(selector, c.Operator == NqlOperator.Equal ? s => s == null : s => s != null);
        }

        var values = Values(c, NqlValueKind.Text);
        var value = values[0];
        var lower = value.ToLowerInvariant();
        return c.Operator switch
        {
            NqlOperator.Equal => Compose(selector, s => s == value),
            NqlOperator.NotEqual => Compose(selector, s => s != value),
            NqlOperator.In => Compose(selector, s => values.Contains(s!)),
            NqlOperator.NotIn => Compose(selector, s => !values.Contains(s!)),
            NqlOperator.Contains => Compose(selector, s => s!.ToLower().Contains(lower)),
            NqlOperator.NotContains => Compose(selector, s => !s!.ToLower().Contains(lower)),
            NqlOperator.StartsWith => Compose(selector, s => s!.ToLower().StartsWith(lower)),
            NqlOperator.NotStartsWith => Compose(selector, s => !s!.ToLower().StartsWith(lower)),
            NqlOperator.EndsWith => Compose(selector, s => s!.ToLower().EndsWith(lower)),
            NqlOperator.NotEndsWith => Compose(selector, s => !s!.ToLower().EndsWith(lower)),
            _ => throw Unsupported(c),
        };
    }

    private static Expression<Func<T, bool>> NumberPredicate(NqlComparison c, Expression<Func<T, int>> selector)
    {
        // Ids are strings in Ghost; one that is not a whole number names nothing here.
        var numbers = Values(c, NqlValueKind.Number)
            .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null)
            .OfType<int>().ToList();
        if (numbers.Count == 0)
        {
            return Is(c.Operator is NqlOperator.NotEqual or NqlOperator.NotIn, c);
        }

        var number = numbers[0];
        return c.Operator switch
        {
            NqlOperator.Equal => Compose(selector, n => n == number),
            NqlOperator.NotEqual => Compose(selector, n => n != number),
            NqlOperator.In => Compose(selector, n => numbers.Contains(n)),
            NqlOperator.NotIn => Compose(selector, n => !numbers.Contains(n)),
            NqlOperator.GreaterThan => Compose(selector, n => n > number),
            NqlOperator.GreaterOrEqual => Compose(selector, n => n >= number),
            NqlOperator.LessThan => Compose(selector, n => n < number),
            NqlOperator.LessOrEqual => Compose(selector, n => n <= number),
            _ => throw Unsupported(c),
        };
    }

    private static Expression<Func<T, bool>> DatePredicate(NqlComparison c, Expression<Func<T, DateTime?>> selector, DateTime now)
    {
        if (c.Values.Count != 1)
        {
            throw Unsupported(c);
        }

        if (c.Values[0].Kind == NqlValueKind.Null)
        {
            return c.Operator switch
            {
                NqlOperator.Equal => Compose(selector, d => d == null),
                NqlOperator.NotEqual => Compose(selector, d => d != null),
                _ => throw Unsupported(c),
            };
        }

        // The API writes times to the second, as Ghost stores them, so a value it returned names that whole second:
        // published_at:'...' finds the post, and published_at:>'...' the ones after it.
        var read = NqlDates.Read(c.Values[0], c.Property, now);
        DateTime? second = read.AddTicks(-(read.Ticks % TimeSpan.TicksPerSecond));
        DateTime? next = second.Value.AddSeconds(1);
        return c.Operator switch
        {
            NqlOperator.Equal => Compose(selector, d => d >= second && d < next),
            NqlOperator.NotEqual => Compose(selector, d => d == null || d < second || d >= next),
            NqlOperator.GreaterThan => Compose(selector, d => d >= next),
            NqlOperator.GreaterOrEqual => Compose(selector, d => d >= second),
            NqlOperator.LessThan => Compose(selector, d => d < second),
            NqlOperator.LessOrEqual => Compose(selector, d => d < next),
            _ => throw Unsupported(c),
        };
    }

    private static Expression<Func<T, bool>> BooleanPredicate(NqlComparison c, Expression<Func<T, bool>> selector)
    {
        if (c.Values.Count != 1 || c.Values[0] is not { Kind: NqlValueKind.Boolean or NqlValueKind.Text, Text: "true" or "false" } value)
        {
            throw ContentApiException.BadRequest($"The filter property '{c.Property}' takes true or false.");
        }

        var wanted = value.Text == "true";
        return c.Operator switch
        {
            NqlOperator.Equal => Compose(selector, b => b == wanted),
            NqlOperator.NotEqual => Compose(selector, b => b != wanted),
            _ => throw Unsupported(c),
        };
    }

    private static Expression<Func<T, bool>> UuidPredicate(NqlComparison c, Expression<Func<T, Guid>> selector)
    {
        var uuids = Values(c, NqlValueKind.Text).Select(v => Guid.TryParse(v, out var g) ? g : (Guid?)null).OfType<Guid>().ToList();
        return c.Operator switch
        {
            NqlOperator.Equal or NqlOperator.In => Compose(selector, u => uuids.Contains(u)),
            NqlOperator.NotEqual or NqlOperator.NotIn => Compose(selector, u => !uuids.Contains(u)),
            _ => throw Unsupported(c),
        };
    }

    /// <summary>The comparison's values as text; null is refused where a value is needed.</summary>
    private static List<string> Values(NqlComparison c, NqlValueKind expected) =>
        c.Values.Select(v => v.Kind is NqlValueKind.Null or NqlValueKind.RelativeDate
            ? throw ContentApiException.BadRequest($"The filter property '{c.Property}' cannot be compared with {v}.")
            : v.Text).ToList();

    private static Expression<Func<T, bool>> Is(bool result, NqlComparison c) =>
        c.Operator is NqlOperator.Equal or NqlOperator.NotEqual or NqlOperator.In or NqlOperator.NotIn
            ? (result ? _ => true : _ => false)
            : throw Unsupported(c);

    private static ContentApiException Unsupported(NqlComparison c) =>
        ContentApiException.BadRequest($"The filter property '{c.Property}' does not support the {Describe(c.Operator)} comparison.");

    private static string Describe(NqlOperator op) => op switch
    {
        NqlOperator.GreaterThan or NqlOperator.GreaterOrEqual or NqlOperator.LessThan or NqlOperator.LessOrEqual => "greater-than or less-than",
        NqlOperator.In or NqlOperator.NotIn => "[list]",
        NqlOperator.Equal or NqlOperator.NotEqual => "equality",
        _ => "~ text-matching",
    };

    /// <summary>Puts <paramref name="selector"/>'s body where <paramref name="predicate"/> uses its parameter.</summary>
    private static Expression<Func<T, bool>> Compose<TValue>(Expression<Func<T, TValue>> selector, Expression<Func<TValue, bool>> predicate) =>
        Expression.Lambda<Func<T, bool>>(
            new ParameterReplacer(predicate.Parameters[0], selector.Body).Visit(predicate.Body), selector.Parameters);

    private static Expression<Func<T, bool>> Not(Expression<Func<T, bool>> predicate) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(predicate.Body), predicate.Parameters);
}

/// <summary>Replaces one parameter of an expression with another expression.</summary>
internal sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
}
