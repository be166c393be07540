using System.Globalization;
using System.Text.Json;
using Masthead.Core;
using Masthead.Core.Articles;
using Masthead.Core.ContentApi;
using Masthead.Core.Media;
using Masthead.Core.People;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.ContentApi.Admin;

/// <summary>
/// Ghost's Admin API at /ghost/api/admin/, for what tools built for Ghost use: posts and pages (browse, read, add, edit
/// with Ghost's updated_at collision check, delete, html accepted with source=html), tags and users to read, image
/// upload into the media library, and the site. Each request carries a token signed with an Admin API key (see
/// <see cref="AdminApiToken"/>) and acts with the key's role, through the same services, rules and audit log as a person.
/// </summary>
public static class AdminApiEndpoints
{
    public static readonly IReadOnlyList<string> Prefixes =
        ["/ghost/api/admin", "/ghost/api/v2/admin", "/ghost/api/v3/admin", "/ghost/api/v4/admin", "/ghost/api/canary/admin"];

    private const string ActorItem = "Masthead.AdminApi.Actor";

    private static readonly GhostResource<ContentPost> Posts = new("posts", "post",
        GhostResources.PostFields.Extend().Add("status", (json, p, _) => json.WriteString("status", Status(p.Status))).Nulls("lexical", "mobiledoc"),
        ["authors", "tags"], hasFormats: true);

    private static readonly GhostResource<ContentPost> Pages = new("pages", "page",
        GhostResources.PageFields.Extend().Constant("status", "published").Nulls("lexical", "mobiledoc"), ["authors", "tags"], hasFormats: true);

    private static readonly GhostResource<ContentAuthor> Users = new("users", "user", GhostResources.AuthorFields, [], hasFormats: false);

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in Prefixes)
        {
            var open = app.MapGroup(prefix).DisableAntiforgery().ExcludeFromDescription();
            open.MapGet("/site", SiteAsync);
            var api = open.MapGroup("").AddEndpointFilter(AuthorizeAsync);
            api.MapGet("/posts", (HttpContext context, [FromServices] ContentPostQueries queries) =>
                AnswerAsync(context, Posts, browse: true, (output, cancel) => Listed(queries.BrowseAsync(output.Request, cancel), Posts, output)));
            api.MapGet("/posts/{id}", (HttpContext context, [FromServices] ContentPostQueries queries, string id) =>
                AnswerAsync(context, Posts, browse: false, async (output, cancel) =>
                    One(Posts, Number(id) is { } n ? await queries.ReadAsync(n, output.Request, cancel) : null, output)));
            api.MapGet("/posts/slug/{slug}", (HttpContext context, [FromServices] ContentPostQueries queries, string slug) =>
                AnswerAsync(context, Posts, browse: false, async (output, cancel) => One(Posts, await queries.ReadAsync(slug, output.Request, cancel), output)));
            api.MapPost("/posts", AdminPostWrites.AddAsync);
            api.MapPut("/posts/{id}", AdminPostWrites.EditAsync);
            api.MapDelete("/posts/{id}", AdminPostWrites.DeleteAsync);
            api.MapGet("/pages", (HttpContext context, [FromServices] ContentPageQueries queries) =>
                AnswerAsync(context, Pages, browse: true, (output, cancel) => Listed(queries.BrowseAsync(output.Request, cancel), Pages, output)));
            api.MapGet("/pages/{id}", (HttpContext context, [FromServices] ContentPageQueries queries, string id) =>
                AnswerAsync(context, Pages, browse: false, async (output, cancel) =>
                    One(Pages, ContentApiEndpoints.PageNumber(id) is { } n ? await queries.ReadAsync(n, output.Request, cancel) : null, output)));
            api.MapGet("/pages/slug/{slug}", (HttpContext context, [FromServices] ContentPageQueries queries, string slug) =>
                AnswerAsync(context, Pages, browse: false, async (output, cancel) => One(Pages, await queries.ReadAsync(slug, output.Request, cancel), output)));
            api.MapPost("/pages", AdminPageWrites.AddAsync);
            api.MapPut("/pages/{id}", AdminPageWrites.EditAsync);
            api.MapDelete("/pages/{id}", AdminPageWrites.DeleteAsync);
            api.MapGet("/tags", (HttpContext context, [FromServices] ContentTagQueries queries) =>
                AnswerAsync(context, GhostResources.Tags, browse: true, (output, cancel) => Listed(queries.BrowseAsync(output.Request, cancel), GhostResources.Tags, output)));
            api.MapGet("/tags/{id}", (HttpContext context, [FromServices] ContentTagQueries queries, string id) =>
                AnswerAsync(context, GhostResources.Tags, browse: false, async (output, cancel) =>
                    One(GhostResources.Tags, await queries.ReadAsync(id, null, output.Request, cancel), output)));
            api.MapGet("/users", (HttpContext context, [FromServices] StaffService staff) =>
                AnswerAsync(context, Users, browse: true, async (output, cancel) =>
                {
                    var people = (await staff.ListActiveAsync(cancel)).ConvertAll(User);
                    var request = output.Request;
                    var list = new ContentList<ContentAuthor>([.. people.Skip(request.Skip).Take(request.Limit)], request.Page, request.Limit, people.Count);
                    return json => Users.WriteList(json, list, output);
                }));
            api.MapGet("/users/{id}", (HttpContext context, [FromServices] StaffService staff, string id) =>
                AnswerAsync(context, Users, browse: false, async (output, cancel) =>
                    One(Users, (await staff.ListActiveAsync(cancel)).Find(p => p.Id.ToString(CultureInfo.InvariantCulture) == id) is { } p ? User(p) : null, output)));
            api.MapPost("/images/upload", UploadAsync);
            api.MapMethods("/{**rest}", [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete], GhostErrors.NoSuchResourceAsync);
        }

        return app;
    }

    /// <summary>The actor the request's key acts as; set by <see cref="AuthorizeAsync"/> before any endpoint runs.</summary>
    internal static Actor ActorOf(HttpContext context) => (Actor)context.Items[ActorItem]!;

    internal static string Status(ArticleStatus status) => status switch
    {
        ArticleStatus.Published => "published",
        ArticleStatus.Scheduled => "scheduled",
        _ => "draft",
    };

    internal static GhostResource<ContentPost> PostResource => Posts;

    internal static GhostResource<ContentPost> PageResource => Pages;

    private static async ValueTask<object?> AuthorizeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var services = context.RequestServices;
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            await GhostErrors.WriteAsync(context, StatusCodes.Status403Forbidden, "NoPermissionError", "Authorization failed",
                "Unable to determine the authenticated user or integration. Check that cookies are being passed through if using session authentication.");
            return Results.Empty; // the answer is written
        }

        var (key, refusal) = await AdminApiToken.VerifyAsync(authorization, services.GetRequiredService<ContentApiKeyService>(),
            services.GetRequiredService<TimeProvider>().GetUtcNow(), context.RequestAborted);
        if (key is null)
        {
            await GhostErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "UnauthorizedError", refusal!, null);
            return Results.Empty; // the answer is written
        }

        context.Items[ActorItem] = key.Actor;
        try
        {
            return await next(invocation);
        }
        catch (Exception refused) when (refused is ForbiddenException or NotFoundException or ValidationException or WorkflowException or EditConflictException
            or ContentApiException or MediaRejectedException)
        {
            await RefuseAsync(context, refused);
            return Results.Empty; // the answer is written
        }
    }

    private static Task RefuseAsync(HttpContext context, Exception refused) => refused switch
    {
        ForbiddenException => GhostErrors.WriteAsync(context, StatusCodes.Status403Forbidden, "NoPermissionError", "You do not have permission to perform this action",
            refused.Message),
        NotFoundException => GhostErrors.WriteAsync(context, StatusCodes.Status404NotFound, "NotFoundError", "Resource not found", refused.Message),
        ValidationException problems => GhostErrors.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, "ValidationError", "Validation error",
            string.Join(" ", problems.Problems.Values)),
        EditConflictException or WorkflowException => GhostErrors.WriteAsync(context, StatusCodes.Status409Conflict, "UpdateCollisionError",
            "Saving failed! Someone else is editing this post.", refused.Message),
        MediaRejectedException => GhostErrors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaTypeError", refused.Message, null),
        ContentApiException { Kind: ContentApiError.NotFound } => GhostErrors.WriteAsync(context, StatusCodes.Status404NotFound, "NotFoundError", "Resource not found",
            refused.Message),
        _ => GhostErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "BadRequestError", "Request not understood error", refused.Message),
    };

    /// <summary>Reads the parameters as the Content API does, with every status and the post's authors and tags, and writes the answer, never cached.</summary>
    internal static async Task AnswerAsync(HttpContext context, GhostResource resource, bool browse,
        Func<ContentOutput, CancellationToken, Task<Action<Utf8JsonWriter>?>> load, int status = StatusCodes.Status200OK)
    {
        var cancel = context.RequestAborted;
        var publication = await context.RequestServices.GetRequiredService<PublicationService>().GetAsync(cancel);
        var output = AdminOutput(context, resource, browse, publication);
        var write = await load(output, cancel) ?? throw new NotFoundException(resource.NotFound);
        await WriteAsync(context, status, write);
    }

    internal static ContentOutput AdminOutput(HttpContext context, GhostResource resource, bool browse, PublicationInfo publication)
    {
        var output = ContentOutput.Read(context.Request.Query, resource, browse, PublicAddress.BaseUrl(context.Request, publication), publication.Clock);
        return output.WithRequest(output.Request with
        {
            AnyStatus = true,
            Include = output.Request.Include | (resource.Includes.Contains("authors") ? ContentIncludes.Authors | ContentIncludes.Tags : ContentIncludes.None),
        });
    }

    internal static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-cache, private, no-store, must-revalidate, max-stale=0, post-check=0, pre-check=0";
        await using var json = new Utf8JsonWriter(response.BodyWriter, ContentJson.Options);
        write(json);
        await json.FlushAsync(context.RequestAborted);
    }

    private static async Task<Action<Utf8JsonWriter>?> Listed<T>(Task<ContentList<T>> load, GhostResource<T> resource, ContentOutput output)
    {
        var list = await load;
        return json => resource.WriteList(json, list, output);
    }

    private static Action<Utf8JsonWriter>? One<T>(GhostResource<T> resource, T? item, ContentOutput output)
        where T : class =>
        item is null ? null : json => resource.WriteOne(json, item, output);

    private static ContentAuthor User(StaffProfile person) => new(person.Id, person.Slug, person.Name, person.JobTitle, person.Bio, person.PhotoUrl);

    internal static int? Number(string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>Ghost's site endpoint, which clients read without a key to find the site: its name, address and version.</summary>
    private static async Task SiteAsync(HttpContext context, [FromServices] PublicationService publications)
    {
        var publication = await publications.GetAsync(context.RequestAborted);
        var baseUrl = PublicAddress.BaseUrl(context.Request, publication);
        await WriteAsync(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("site");
            json.WriteString("title", publication.Name);
            json.WriteText("description", publication.Tagline);
            json.WriteText("logo", publication.LogoUrl is { } logo && logo.StartsWith('/') ? baseUrl + logo : publication.LogoUrl);
            json.WriteString("icon", baseUrl + "/favicon.svg");
            json.WriteNull("accent_color");
            json.WriteString("locale", publication.Language);
            json.WriteString("url", baseUrl + "/");
            json.WriteString("version", SettingsJson.GhostVersion);
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    /// <summary>An image into the media library, as the newsroom uploads one; answers its address, and the ref the client sent.</summary>
    private static async Task UploadAsync(HttpContext context, [FromServices] MediaService media, [FromServices] PublicationService publications)
    {
        if (!context.Request.HasFormContentType)
        {
            throw ValidationException.For("file", "Send the image as multipart/form-data, in a field named file.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files["file"] ?? throw ValidationException.For("file", "Send the image in a field named file.");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, context.RequestAborted);
        var item = await media.UploadAsync(ActorOf(context), new MediaUpload(file.FileName, buffer.ToArray(), new MediaDetails()), context.RequestAborted);
        var publication = await publications.GetAsync(context.RequestAborted);
        var url = PublicAddress.BaseUrl(context.Request, publication) + item.Address;
        await WriteAsync(context, StatusCodes.Status201Created, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("images");
            json.WriteStartObject();
            json.WriteString("url", url);
            json.WriteText("ref", form["ref"].ToString());
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
