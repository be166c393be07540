using System.Net;
using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.ContentApi;
using Masthead.Core.Publishing;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ContentApi;

/// <summary>Reads a test server's Content API over HTTP with a key of its own, as an app would.</summary>
internal sealed class ContentApiClient(MastheadServer server, string key)
{
    public const string Root = "/ghost/api/content/";

    public string Key => key;
    public MastheadServer Server => server;

    public static async Task<ContentApiClient> WithNewKeyAsync(MastheadServer server, string name = "Tests") =>
        new(server, (await server.InScopeAsync(s => s.GetRequiredService<ContentApiKeyService>().CreateAsync(Actor.System, name))).Secret);

    /// <summary>GETs <paramref name="path"/> (under /ghost/api/content/, query string allowed) with the key, checks the status, and parses the JSON.</summary>
    public async Task<JsonElement> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await SendAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path} answered {(int)response.StatusCode}, not {(int)expected}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public Task<HttpResponseMessage> SendAsync(string path, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, WithKey(path));
        configure?.Invoke(request);
        return server.Client.SendAsync(request);
    }

    public string WithKey(string path) => Root + path + (path.Contains('?') ? "&" : "?") + "key=" + key;

    /// <summary>The error of a refused request, after checking it has Ghost's shape.</summary>
    public async Task<JsonElement> ErrorAsync(string path, HttpStatusCode expected) => Error(await GetAsync(path, expected));

    public static JsonElement Error(JsonElement body)
    {
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        string[] fields = ["message", "context", "type", "details", "property", "help", "code", "id", "ghostErrorCode"];
        Assert.Equal(fields, error.EnumerateObject().Select(p => p.Name));
        Assert.True(Guid.TryParse(error.GetProperty("id").GetString(), out _));
        return error;
    }

    /// <summary>Slugs of the published articles, newest first, as Masthead's own queries list them.</summary>
    public Task<List<string>> PublishedSlugsAsync() => server.InScopeAsync(async s =>
    {
        var page = await s.GetRequiredService<ArticleQueries>().ListAsync(ArticleFilter.All, 1, ArticleQueries.MaxPageSize);
        return page.Items.Select(a => a.Slug).ToList();
    });

    public static List<string> Slugs(JsonElement body, string resource = "posts") =>
        body.GetProperty(resource).EnumerateArray().Select(p => p.GetProperty("slug").GetString()!).ToList();
}
