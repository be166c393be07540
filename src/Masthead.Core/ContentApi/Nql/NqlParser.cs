namespace Masthead.Core.ContentApi.Nql;

/// <summary>
/// Recursive descent over the tokens, with Ghost's grammar: or (,) binds looser than and (+), parentheses group,
/// and each comparison is <c>property:[operator]value</c> where the operator is - (not), &gt;, &gt;=, &lt;, &lt;=,
/// ~ (contains), ~^ (starts with) or ~$ (ends with), and the value may be a [list].
/// </summary>
public sealed class NqlParser
{
    public const int MaxLength = 2000;

    private readonly List<NqlToken> _tokens;
    private int _next;

    private NqlParser(List<NqlToken> tokens) => _tokens = tokens;

    /// <exception cref="NqlSyntaxException">The filter is not well-formed.</exception>
    public static NqlNode Parse(string filter)
    {
        if (filter.Length > MaxLength)
        {
            throw new NqlSyntaxException($"Query Error: the filter is longer than {MaxLength} characters", MaxLength);
        }

        var parser = new NqlParser(NqlLexer.Tokenize(filter));
        var node = parser.Expression();
        parser.Expect(NqlTokenKind.End);
        return node;
    }

    private NqlToken Peek => _tokens[_next];

    private NqlNode Expression()
    {
        var parts = new List<NqlNode> { AndCondition() };
        while (Accept(NqlTokenKind.Or))
        {
            parts.Add(AndCondition());
        }

        return parts.Count == 1 ? parts[0] : new NqlOr(parts);
    }

    private NqlNode AndCondition()
    {
        var parts = new List<NqlNode> { FilterExpression() };
        while (Accept(NqlTokenKind.And))
        {
            parts.Add(FilterExpression());
        }

        return parts.Count == 1 ? parts[0] : new NqlAnd(parts);
    }

    private NqlNode FilterExpression()
    {
        if (Accept(NqlTokenKind.LeftParen))
        {
            var inner = Expression();
            Expect(NqlTokenKind.RightParen);
            return inner;
        }

        var property = Expect(NqlTokenKind.Property);
        return ValueExpression(property);
    }

    private NqlComparison ValueExpression(NqlToken property)
    {
        var negated = Accept(NqlTokenKind.Not);
        NqlOperator op;
        switch (Peek.Kind)
        {
            case NqlTokenKind.Contains or NqlTokenKind.StartsWith or NqlTokenKind.EndsWith:
                op = Take().Kind switch
                {
                    NqlTokenKind.Contains => negated ? NqlOperator.NotContains : NqlOperator.Contains,
                    NqlTokenKind.StartsWith => negated ? NqlOperator.NotStartsWith : NqlOperator.StartsWith,
                    _ => negated ? NqlOperator.NotEndsWith : NqlOperator.EndsWith,
                };
                return new NqlComparison(property.Text, op, [Value()], property.Position);
            case NqlTokenKind.LeftBracket:
                Take();
                var values = new List<NqlValue> { Value() };
                // Only "," joins a list's values, as in Ghost's grammar: tag:[a+b] is refused at the "+" (both tags is tag:a+tag:b).
                while (Accept(NqlTokenKind.Or))
                {
                    values.Add(Value());
                }

                Expect(NqlTokenKind.RightBracket);
                return new NqlComparison(property.Text, negated ? NqlOperator.NotIn : NqlOperator.In, values, property.Position);
        }

        if (negated)
        {
            return new NqlComparison(property.Text, NqlOperator.NotEqual, [Value()], property.Position);
        }

        op = Peek.Kind switch
        {
            NqlTokenKind.GreaterThan => NqlOperator.GreaterThan,
            NqlTokenKind.GreaterOrEqual => NqlOperator.GreaterOrEqual,
            NqlTokenKind.LessThan => NqlOperator.LessThan,
            NqlTokenKind.LessOrEqual => NqlOperator.LessOrEqual,
            _ => NqlOperator.Equal,
        };
        if (op != NqlOperator.Equal)
        {
            Take();
        }

        return new NqlComparison(property.Text, op, [Value()], property.Position);
    }

    private NqlValue Value()
    {
        var token = Take();
        return token.Kind switch
        {
            NqlTokenKind.Null => new NqlValue(NqlValueKind.Null, "null"),
            NqlTokenKind.True => new NqlValue(NqlValueKind.Boolean, "true"),
            NqlTokenKind.False => new NqlValue(NqlValueKind.Boolean, "false"),
            NqlTokenKind.Number => new NqlValue(NqlValueKind.Number, token.Text),
            NqlTokenKind.Text => new NqlValue(NqlValueKind.Text, token.Text),
            NqlTokenKind.RelativeDate => new NqlValue(NqlValueKind.RelativeDate, token.Text[3..]),
            _ => throw Unexpected(token),
        };
    }

    private bool Accept(NqlTokenKind kind)
    {
        if (Peek.Kind != kind)
        {
            return false;
        }

        _next++;
        return true;
    }

    private NqlToken Expect(NqlTokenKind kind) => Peek.Kind == kind ? Take() : throw Unexpected(Peek);

    private NqlToken Take()
    {
        var token = Peek;
        if (token.Kind != NqlTokenKind.End)
        {
            _next++;
        }

        return token;
    }

    private static NqlSyntaxException Unexpected(NqlToken token) => token.Kind == NqlTokenKind.End
        ? new($"Query Error: unexpected end of filter at char {token.Position}", token.Position)
        : new($"Query Error: unexpected character in filter at char {token.Position}", token.Position);
}
