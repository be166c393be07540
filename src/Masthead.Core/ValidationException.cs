namespace Masthead.Core;

/// <summary>Input a person can fix: each problem keyed by the field it concerns, with a message to show them.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string> problems)
    : Exception(string.Join(" ", problems.Values))
{
    public IReadOnlyDictionary<string, string> Problems { get; } = problems;

    public static ValidationException For(string field, string message) => new(new Dictionary<string, string> { [field] = message });
}
