using Masthead.Core.Publication;

namespace Masthead.Hosting;

/// <summary>
/// The address to print in links on the console: the publication's public address when it has one (a site behind a
/// proxy), otherwise the first configured URL with a wildcard host made concrete.
/// </summary>
internal static class SiteAddress
{
    public static async Task<string> PublicAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var publication = await scope.ServiceProvider.GetRequiredService<PublicationService>().GetAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(publication.BaseUrl) ? Of(app) : publication.BaseUrl.TrimEnd('/');
    }

    public static string Of(WebApplication app) => Concrete(app.Configuration["urls"] ?? "http://localhost:5080");

    /// <summary>The first of a list of listening addresses, with a wildcard host made concrete.</summary>
    public static string Concrete(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
        return first.Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .TrimEnd('/');
    }
}
