namespace Masthead.Core.Sections;

/// <summary>What a section's or a tag's name and description may be: both are shown on every page that lists them.</summary>
internal static class TaxonomyRules
{
    /// <summary>Adds the problems with a name (empty, or longer than its column) and a description (too long).</summary>
    public static void Check(Dictionary<string, string> problems, string? name, string? description, int maxName, int maxDescription)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0)
        {
            problems["Name"] = "A name is required.";
        }
        else if (trimmed.Length > maxName)
        {
            problems["Name"] = $"Keep the name to {maxName} characters; it has {trimmed.Length:N0}.";
        }

        if ((description ?? "").Trim().Length > maxDescription)
        {
            problems["Description"] = $"Keep the description to {maxDescription:N0} characters; it has {description!.Trim().Length:N0}.";
        }
    }

    /// <summary>The name, trimmed, when it and the description are fine; otherwise the problems.</summary>
    /// <exception cref="ValidationException">The name is empty or too long, or the description too long.</exception>
    public static string Checked(string? name, string? description, int maxName, int maxDescription)
    {
        var problems = new Dictionary<string, string>();
        Check(problems, name, description, maxName, maxDescription);
        return problems.Count > 0 ? throw new ValidationException(problems) : name!.Trim();
    }
}
