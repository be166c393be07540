namespace Masthead.Hosting;

/// <summary>The address to print in links on the console: the first configured URL, with a wildcard host made concrete.</summary>
internal static class SiteAddress
{
    public static string Of(WebApplication app)
    {
        var first = (app.Configuration["urls"] ?? "http://localhost:5080").Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
        return first.Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .TrimEnd('/');
    }
}
