using System.Globalization;
using System.Text.Json;
using Masthead.Core.ContentApi;
using Masthead.Core.Events;
using Masthead.Core.Live;
using Masthead.Core.Publication;
using Masthead.Core.SiteData;
using Masthead.Hosting;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.ContentApi;

/// <summary>
/// A read-only API compatible with Ghost's Content API, so Ghost front ends, apps and static-site generators work
/// with a Masthead publication unchanged: GET /ghost/api/content/{posts,pages,authors,tags}/ with /{id}/ and
/// /slug/{slug}/, /settings/ and /newsletters/, each with ?key=. The versioned prefixes older clients use (/ghost/api/v4/content/...)
/// answer the same. The OpenAPI document is at /ghost/api/content/openapi.json.
/// </summary>
public static class ContentApiEndpoints
{
    public const string OpenApiPath = "/ghost/api/content/openapi.json";

    /// <summary>Every read answers HEAD as it answers GET, without the body.</summary>
    internal static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>Where @tryghost/content-api sends its requests: /content/ for v5 and later, /{version}/content/ before.</summary>
    public static readonly IReadOnlyList<string> Prefixes =
        ["/ghost/api/content", "/ghost/api/v2/content", "/ghost/api/v3/content", "/ghost/api/v4/content", "/ghost/api/canary/content"];

    public static IServiceCollection AddContentApi(this IServiceCollection services)
    {
        services.AddSingleton<ContentApiKeyCache>();
        services.AddSingleton<ContentApiResponse>();
        services.AddScoped<Admin.AdminPostInput>();
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
            MapResource(cached, GhostResources.Posts, PostReads);
            MapResource(cached, GhostResources.Pages, PageReads);
            MapResource(cached, GhostResources.Authors, AuthorReads);
            MapResource(cached, GhostResources.Tags, TagReads);
            cached.MapMethods("/settings", ReadMethods, SettingsAsync);
            cached.MapMethods("/tiers", ReadMethods, context => EmptyAsync(context, "tiers"));
            cached.MapMethods("/newsletters", ReadMethods, NewslettersAsync);
            SearchIndex.Map(cached);
            api.MapGet("/{**rest}", GhostErrors.NoSuchResourceAsync);
        }

        app.MapGet(OpenApiPath, OpenApiAsync).WithMetadata(new ContentApiEndpointMetadata(RequiresKey: false)).ExcludeFromDescription();
        return app;
    }

    /// <summary>Posts, pages, authors and tags, each read by its own query service.</summary>
    private static readonly GhostReads<ContentPost, ContentPostQueries> PostReads = new(
        (queries, request, cancel) => queries.BrowseAsync(request, cancel),
        (queries, id, request, cancel) => Number(id) is { } number ? queries.ReadAsync(number, request, cancel) : Task.FromResult<ContentPost?>(null),
        (queries, slug, request, cancel) => queries.ReadAsync(slug, request, cancel));

    private static readonly GhostReads<ContentPost, ContentPageQueries> PageReads = new(
        (queries, request, cancel) => queries.BrowseAsync(request, cancel),
        (queries, id, request, cancel) => PageNumber(id) is { } number ? queries.ReadAsync(number, request, cancel) : Task.FromResult<ContentPost?>(null),
        (queries, slug, request, cancel) => queries.ReadAsync(slug, request, cancel));

    private static readonly GhostReads<ContentAuthor, ContentAuthorQueries> AuthorReads = new(
        (queries, request, cancel) => queries.BrowseAsync(request, cancel),
        (queries, id, request, cancel) => Number(id) is { } number ? queries.ReadAsync(number, request, cancel) : Task.FromResult<ContentAuthor?>(null),
        (queries, slug, request, cancel) => queries.ReadAsync(slug, request, cancel));

    private static readonly GhostReads<ContentTag, ContentTagQueries> TagReads = new(
        (queries, request, cancel) => queries.BrowseAsync(request, cancel),
        (queries, id, request, cancel) => queries.ReadAsync(id, null, request, cancel),
        (queries, slug, request, cancel) => queries.ReadAsync(null, slug, request, cancel));

    /// <summary>Browse, read by id and read by slug of one resource, from its descriptor and its query service.</summary>
    private static void MapResource<T, TQueries>(IEndpointRouteBuilder api, GhostResource<T> resource, GhostReads<T, TQueries> reads)
        where T : class
        where TQueries : notnull
    {
        api.MapMethods("/" + resource.Name, ReadMethods, (HttpContext context, [FromServices] TQueries queries) =>
            AnswerAsync(context, resource, browse: true, async (output, cancel) =>
            {
                var list = await reads.Browse(queries, output.Request, cancel);
                return json => resource.WriteList(json, list, output);
            }));
        api.MapMethods($"/{resource.Name}/{{id}}", ReadMethods, (HttpContext context, [FromServices] TQueries queries, string id) =>
            AnswerAsync(context, resource, browse: false, async (output, cancel) => One(resource, await reads.ById(queries, id, output.Request, cancel), output)));
        api.MapMethods($"/{resource.Name}/slug/{{slug}}", ReadMethods, (HttpContext context, [FromServices] TQueries queries, string slug) =>
            AnswerAsync(context, resource, browse: false, async (output, cancel) => One(resource, await reads.BySlug(queries, slug, output.Request, cancel), output)));
    }

    private static Task SettingsAsync(HttpContext context) =>
        AnswerAsync(context, GhostResources.Settings, browse: true, async (output, cancel) =>
        {
            var services = context.RequestServices;
            var publication = await services.GetRequiredService<PublicationService>().GetAsync(cancel);
            var site = await services.GetRequiredService<SiteDataService>().GetAsync(cancel);
            return json => SettingsJson.Write(json, publication, site.Header, site.Footer, output);
        });

    /// <summary>The newsletters readers can join; Ghost browses them only, with no read by id or slug.</summary>
    private static Task NewslettersAsync(HttpContext context, [FromServices] ContentNewsletterQueries queries) =>
        AnswerAsync(context, GhostResources.Newsletters, browse: true, async (output, cancel) =>
        {
            var list = await queries.BrowseAsync(output.Request, cancel);
            return json => GhostResources.Newsletters.WriteList(json, list, output);
        });

    /// <summary>Masthead has no paid tiers; Ghost themes that ask get an empty list rather than an error.</summary>
    private static Task EmptyAsync(HttpContext context, string name)
    {
        var resource = new GhostResource<int>(name, name, new GhostFields<int>(), [], hasFormats: false);
        return AnswerAsync(context, resource, browse: true, (output, _) => Task.FromResult<Action<Utf8JsonWriter>?>(json =>
            resource.WriteList(json, new ContentList<int>([], output.Request.Page, output.Request.Limit, 0), output)));
    }

    /// <summary>Reads the parameters, loads, and writes the JSON; a refusal is answered in Ghost's form.</summary>
    internal static async Task AnswerAsync(HttpContext context, GhostResource resource, bool browse,
        Func<ContentOutput, CancellationToken, Task<Action<Utf8JsonWriter>?>> load)
    {
        var cancel = context.RequestAborted;
        var services = context.RequestServices;
        Action<Utf8JsonWriter> write;
        try
        {
            var publication = await services.GetRequiredService<PublicationService>().GetAsync(cancel);
            var output = ContentOutput.Read(context.Request.Query, resource, browse, PublicAddress.BaseUrl(context.Request, publication), publication.Clock);
            write = await load(output, cancel) ?? throw ContentApiException.NotFound(resource.NotFound);
        }
        catch (ContentApiException refused)
        {
            await GhostErrors.RefusedAsync(context, refused, resource, browse);
            return;
        }

        await services.GetRequiredService<ContentApiResponse>().WriteAsync(context, write);
    }

    /// <summary>Null when there is no such item.</summary>
    private static Action<Utf8JsonWriter>? One<T>(GhostResource<T> resource, T? item, ContentOutput output)
        where T : class =>
        item is null ? null : json => resource.WriteOne(json, item, output);

    /// <summary>The number of a page's id, page-{n}; null for anything else.</summary>
    internal static int? PageNumber(string id) =>
        id.StartsWith(ContentPost.PageIdPrefix, StringComparison.Ordinal) ? Number(id[ContentPost.PageIdPrefix.Length..]) : null;

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
