using Masthead.Core.Articles;
using Masthead.Core.Publication;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Browser.Tests;

/// <summary>What the newsroom published, read through Core, so the browser tests compare the page with the data.</summary>
public static class ReaderExpectations
{
    public static Task<PublicationInfo> PublicationAsync(MastheadServer server) =>
        server.InScopeAsync(services => services.GetRequiredService<PublicationService>().GetAsync(TestContext.Current.CancellationToken));

    /// <summary>The published article at a path such as /2026/11/25/council-budget-night.</summary>
    public static async Task<ArticleView> ArticleAsync(MastheadServer server, string path)
    {
        var slug = path.TrimEnd('/').Split('/')[^1];
        return await server.InScopeAsync(services => services.GetRequiredService<ArticleQueries>().GetPublishedAsync(slug, TestContext.Current.CancellationToken))
            ?? throw new InvalidOperationException($"No published article answers at {path}.");
    }
}
