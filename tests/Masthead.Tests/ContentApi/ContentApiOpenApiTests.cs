using Masthead.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Masthead.Tests.ContentApi;

/// <summary>The OpenAPI document at /ghost/api/content/openapi.json is valid and describes every endpoint the API maps.</summary>
public sealed class ContentApiOpenApiTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const string Prefix = "/ghost/api/content";

    [Fact]
    public async Task The_document_parses_as_OpenAPI_and_lists_every_path_the_api_answers()
    {
        using var response = await site.Server.Client.GetAsync(Prefix + "/openapi.json");
        await using var body = await response.Content.ReadAsStreamAsync();
        var (document, diagnostic) = await OpenApiDocument.LoadAsync(body, "json");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.NotNull(document);
        Assert.Empty(diagnostic!.Errors);
        Assert.Empty(document.Validate(Microsoft.OpenApi.ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        Assert.Equal(Prefix, Assert.Single(document.Servers!).Url);
        Assert.Contains("/posts/{id}/", document.Paths.Keys);
        Assert.Contains("/settings/", document.Paths.Keys);
        Assert.Equal(MappedPaths(), document.Paths.Keys.Order(StringComparer.Ordinal));
        Assert.All(document.Paths.Values, path => Assert.NotNull(path.Operations![HttpMethod.Get].Responses!["200"]));
    }

    /// <summary>"/posts/{id}/" for each GET endpoint under /ghost/api/content, leaving out the catch-all 404 and the document itself.</summary>
    private List<string> MappedPaths() => site.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Select(e => e.RoutePattern.RawText ?? "")
        .Where(p => p.StartsWith(Prefix + "/", StringComparison.Ordinal) && !p.Contains("{**", StringComparison.Ordinal) && !p.EndsWith("openapi.json", StringComparison.Ordinal))
        .Select(p => p[Prefix.Length..].TrimEnd('/') + "/")
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();
}
