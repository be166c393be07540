namespace Masthead.Testing;

/// <summary>A Content-Security-Policy header read into its directives, each with its sources in order.</summary>
public sealed class ContentSecurityPolicyHeader
{
    private readonly Dictionary<string, string[]> _directives;

    private ContentSecurityPolicyHeader(Dictionary<string, string[]> directives) => _directives = directives;

    public static ContentSecurityPolicyHeader Parse(string header)
    {
        var directives = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var directive in header.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = directive.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(directives.TryAdd(parts[0], parts[1..]), $"The policy names {parts[0]} twice: {header}");
        }

        return new ContentSecurityPolicyHeader(directives);
    }

    public IReadOnlyCollection<string> Directives => _directives.Keys;

    public bool Has(string directive) => _directives.ContainsKey(directive);

    /// <summary>The sources of <paramref name="directive"/>; fails the test when the policy does not name it.</summary>
    public string[] this[string directive] =>
        _directives.TryGetValue(directive, out var sources) ? sources : throw new Xunit.Sdk.XunitException($"The policy has no {directive}.");
}
