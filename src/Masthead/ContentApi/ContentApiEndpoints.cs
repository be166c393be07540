using System.Globalization;
using System.Text.Json;
using Masthead.Core.ContentApi;
using Masthead.Core.Events;
using Masthead.Core.Live;
using Masthead.Core.Publication;
using Masthead.Core.SiteData;
using Masthead.Hosting;
using Masthead.Site;

namespace Masthead.ContentApi;

/// <summary>
/// A read-only API compatible with Ghost's Content API, so Ghost front ends, apps and static-site generators work
/// with a Masthead publication unchanged: GET /ghost/api/content/{posts,pages,authors,tags}/ with /{id}/ and
/// /slug/{slug}/, and /settings/, each with ?key=. The versioned prefixes older clients use (/ghost/api/v4/content/...)
/// answer the same. The OpenAPI document is at /ghost/api/content/openapi.json.
/// </summary>
public static class ContentApiEndpoints
{
    public const string OpenApiPath = "/ghost/api/content/openapi.json";

    /// <summary>Where @tryghost/content-api sends its requests: /content/ for v5 and later, /{version}/content/ before.</summary>
    public static readonly IReadOnlyList<string> Prefixes =
        ["/ghost/api/content", "/ghost/api/v2/content", "/ghost/api/v3/content", "/ghost/api/v4/content", "/ghost/api/canary/content"];

    public static IServiceCollection AddContentApi(this IServiceCollection services)
    {
        services.AddSingleton<ContentApiKeyCache>();
        services.AddSingleton<ContentApiResponse>();
        return services;
    }

    /// <summary>CORS and the key check; must come before the output cache.</summary>
    public static IApplicationBuilder UseContentApi(this IApplicationBuilder app) => app.UseMiddleware<ContentApiGate>();

    public static IEndpointRouteBuilder MapContentApi(this IEndpointRouteBuilder app)
    {
        var policy = new ContentApiCachePolicy();
        foreach (var prefix in Prefixes)
        {
            var api = app.MapGroup(prefix)
                .WithMetadata(new ContentApiEndpointMetadata(RequiresKey: true))
                .ExcludeFromDescription();
            var cached = api.MapGroup("").CacheOutput(policy);
            MapPosts(cached);
            MapPages(cached);
            MapAuthors(cached);
            MapTags(cached);
            cached.MapGet("/settings", SettingsAsync);
            cached.MapGet("/tiers", context => EmptyAsync(context, "tiers"));
            cached.MapGet("/newsletters", context => EmptyAsync(context, "newsletters"));
            api.MapGet("/{**rest}", GhostErrors.NoSuchResourceAsync);
        }

        app.MapGet(OpenApiPath, OpenApiAsync).WithMetadata(new ContentApiEndpointMetadata(RequiresKey: false)).ExcludeFromDescription();
        return app;
    }

    private static void MapPosts(IEndpointRouteBuilder api)
    {
        var resource = ContentResource.Posts;
        api.MapGet("/posts", context => AnswerAsync(context, resource, browse: true, async (output, services, cancel) =>
        {
            var list = await services.GetRequiredService<ContentPostQueries>().BrowseAsync(output.Request, cancel);
            return json => WriteList(json, resource, list, output, PostJson.Write);
        }));
        api.MapGet("/posts/{id}", (HttpContext context, string id) => AnswerAsync(context, resource, browse: false, async (output, services, cancel) =>
            One(resource, Number(id) is { } number ? await services.GetRequiredService<ContentPostQueries>().ReadAsync(number, output.Request, cancel) : null, output,
                PostJson.Write)));
        api.MapGet("/posts/slug/{slug}", (HttpContext context, string slug) => AnswerAsync(context, resource, browse: false, async (output, services, cancel) =>
            One(resource, await services.GetRequiredService<ContentPostQueries>().ReadAsync(slug, output.Request, cancel), output, PostJson.Write)));
    }

    private static void MapPages(IEndpointRouteBuilder api)
    {
        var resource = ContentResource.Pages;
        api.MapGet("/pages", context => AnswerAsync(context, resource, browse: true, async (output, services, cancel) =>
        {
            var list = await services.GetRequiredService<ContentPageQueries>().BrowseAsync(output.Request, cancel);
            return json => WriteList(json, resource, list, output, PostJson.Write);
        }));
        api.MapGet("/pages/{id}", (HttpContext context, string id) => AnswerAsync(context, resource, browse: false, async (output, services, cancel) =>
            One(resource, Number(id) is { } number ? await services.GetRequiredService<ContentPageQueries>().ReadAsync(number, output.Request, cancel) : null, output,
                PostJson.Write)));
        api.MapGet("/pages/slug/{slug}", (HttpContext context, string slug) => AnswerAsync(context, resource, browse: false, async (output, services, cancel) =>
            One(resource, await services.GetRequiredService<ContentPageQueries>().ReadAsync(slug, output.Request, cancel), output, PostJson.Write)));
    }

    private static void MapAuthors(IEndpointRouteBuilder api)
    {
        var resource = ContentResource.Authors;
        api.MapGet("/authors", context => AnswerAsync(context, resource, browse: true, async (output, services, cancel) =>
        {
            var list = await services.GetRequiredService<ContentAuthorQueries>().BrowseAsync(output.Request, cancel);
            return json => WriteList(json, resource, list, output, (j, a, o) => AuthorJson.Write(j, a, o));
        }));
        api.MapGet("/authors/{id}", (HttpContext context, string id) => AnswerAsync(context, resource, browse: false, async (output, services, cancel) =>
            One(resource, Number(id) is { } number ? await services.GetRequiredService<ContentAuthorQueries>().ReadAsync(number, output.Request, cancel) : null, output,
                (j, a, o) => AuthorJson.Write(j, a, o))));
        api.MapGet("/authors/slug/{slug}", (HttpContext context, string slug) => AnswerAsync(context, resource, browse: false, async (output, services, cancel) =>
            One(resource, await services.GetRequiredService<ContentAuthorQueries>().ReadAsync(slug, output.Request, cancel), output, (j, a, o) => AuthorJson.Write(j, a, o))));
    }

    private static void MapTags(IEndpointRouteBuilder api)
    {
        var resource = ContentResource.Tags;
        api.MapGet("/tags", context => AnswerAsync(context, resource, browse: true, async (output, services, cancel) =>
        {
            var list = await services.GetRequiredService<ContentTagQueries>().BrowseAsync(output.Request, cancel);
            return json => WriteList(json, resource, list, output, (j, t, o) => TagJson.Write(j, t, o));
        }));
        api.MapGet("/tags/{id}", (HttpContext context, string id) => AnswerAsync(context, resource, browse: false, async (output, services, cancel) =>
            One(resource, await services.GetRequiredService<ContentTagQueries>().ReadAsync(id, null, output.Request, cancel), output, (j, t, o) => TagJson.Write(j, t, o))));
        api.MapGet("/tags/slug/{slug}", (HttpContext context, string slug) => AnswerAsync(context, resource, browse: false, async (output, services, cancel) =>
            One(resource, await services.GetRequiredService<ContentTagQueries>().ReadAsync(null, slug, output.Request, cancel), output, (j, t, o) => TagJson.Write(j, t, o))));
    }

    private static Task SettingsAsync(HttpContext context) =>
        AnswerAsync(context, ContentResource.Settings, browse: true, async (output, services, cancel) =>
        {
            var publication = await services.GetRequiredService<PublicationService>().GetAsync(cancel);
            var site = await services.GetRequiredService<SiteDataService>().GetAsync(cancel);
            return json => SettingsJson.Write(json, publication, site.Header, site.Footer, output);
        });

    /// <summary>Masthead has no paid tiers or newsletters; Ghost themes that ask get an empty list rather than an error.</summary>
    private static Task EmptyAsync(HttpContext context, string name)
    {
        var resource = new ContentResource(name, name, [], [], HasFormats: false);
        return AnswerAsync(context, resource, browse: true, (output, _, _) => Task.FromResult<Action<Utf8JsonWriter>?>(json =>
            WriteList(json, resource, new ContentList<int>([], output.Request.Page, output.Request.Limit, 0), output, (_, _, _) => { })));
    }

    /// <summary>Reads the parameters, loads, and writes the JSON; a refusal is answered in Ghost's form.</summary>
    private static async Task AnswerAsync(HttpContext context, ContentResource resource, bool browse,
        Func<ContentOutput, IServiceProvider, CancellationToken, Task<Action<Utf8JsonWriter>?>> load)
    {
        var cancel = context.RequestAborted;
        var services = context.RequestServices;
        Action<Utf8JsonWriter> write;
        try
        {
            var publication = await services.GetRequiredService<PublicationService>().GetAsync(cancel);
            var output = ContentOutput.Read(context.Request.Query, resource, browse, PublicAddress.BaseUrl(context.Request, publication), publication.Clock);
            write = await load(output, services, cancel) ?? throw ContentApiException.NotFound(resource.NotFound);
        }
        catch (ContentApiException refused)
        {
            await GhostErrors.RefusedAsync(context, refused, resource, browse);
            return;
        }

        await services.GetRequiredService<ContentApiResponse>().WriteAsync(context, write);
    }

    private static void WriteList<T>(Utf8JsonWriter json, ContentResource resource, ContentList<T> list, ContentOutput output, Action<Utf8JsonWriter, T, ContentOutput> item)
    {
        json.WriteStartObject();
        json.WriteStartArray(resource.Name);
        foreach (var entry in list.Items)
        {
            item(json, entry, output);
        }

        json.WriteEndArray();
        json.WritePagination(list);
        json.WriteEndObject();
    }

    /// <summary>A read answers a list of one, without meta, as Ghost does; null when there is no such item.</summary>
    private static Action<Utf8JsonWriter>? One<T>(ContentResource resource, T? item, ContentOutput output, Action<Utf8JsonWriter, T, ContentOutput> write)
        where T : class =>
        item is null ? null : json =>
        {
            json.WriteStartObject();
            json.WriteStartArray(resource.Name);
            write(json, item, output);
            json.WriteEndArray();
            json.WriteEndObject();
        };

    private static int? Number(string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static async Task OpenApiAsync(HttpContext context)
    {
        await using var document = typeof(ContentApiEndpoints).Assembly.GetManifestResourceStream("Masthead.ContentApi.openapi.json")
            ?? throw new InvalidOperationException("The OpenAPI document is not embedded.");
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "public, max-age=3600";
        await document.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
