namespace Masthead.Core.ContentApi.Nql;

/// <summary>A parsed NQL filter: comparisons joined by and (+) and or (,), grouped by parentheses.</summary>
public abstract record NqlNode;

public sealed record NqlAnd(IReadOnlyList<NqlNode> Parts) : NqlNode;

public sealed record NqlOr(IReadOnlyList<NqlNode> Parts) : NqlNode;

/// <summary><c>property:value</c> with its operator; <see cref="Values"/> has several entries only for [a,b] lists.</summary>
public sealed record NqlComparison(string Property, NqlOperator Operator, IReadOnlyList<NqlValue> Values, int Position) : NqlNode;

public enum NqlOperator
{
    Equal,
    NotEqual,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
    In,
    NotIn,
    Contains,
    NotContains,
    StartsWith,
    NotStartsWith,
    EndsWith,
    NotEndsWith,
}

public enum NqlValueKind
{
    Null,
    Boolean,
    Number,

    /// <summary>A bare word or a 'quoted string'.</summary>
    Text,

    /// <summary>now-30d, now+1w...: <see cref="NqlValue.Text"/> holds the sign, amount and unit.</summary>
    RelativeDate,
}

/// <param name="Text">The value as written, unquoted and unescaped.</param>
public sealed record NqlValue(NqlValueKind Kind, string Text)
{
    public bool AsBoolean => Kind == NqlValueKind.Boolean && Text == "true";

    public override string ToString() => Kind == NqlValueKind.Text ? $"'{Text}'" : Text;
}

internal enum NqlTokenKind
{
    Property,
    Text,
    Number,
    Null,
    True,
    False,
    RelativeDate,
    LeftBracket,
    RightBracket,
    LeftParen,
    RightParen,
    Or,
    And,
    Not,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
    Contains,
    StartsWith,
    EndsWith,
    End,
}

/// <param name="Position">Where the token starts, counting from 1, for error messages.</param>
internal readonly record struct NqlToken(NqlTokenKind Kind, string Text, int Position);
