using System.Globalization;
using System.Text.Json;
using Masthead.Core;
using Masthead.Core.Media;
using Masthead.Core.Publishing;
using Masthead.Newsroom;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace Masthead.Media;

/// <summary>
/// The newsroom's media library as JSON, under /newsroom/api/media, for the newsroom's own screens: signed-in staff
/// only (401 otherwise), every change carrying the page's antiforgery token (header RequestVerificationToken, or the
/// form field __RequestVerificationToken of an upload), every rule checked by Core (403). Refusals are RFC 7807
/// problems whose detail says what to do; the table of endpoints is in docs/media.md.
/// </summary>
public static class MediaApi
{
    public const string Root = "/newsroom/api/media";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        var media = app.MapGroup(Root).AddEndpointFilter(GuardAsync);
        media.MapGet("/", ListAsync);
        media.MapPost("/", UploadAsync);
        media.MapGet("/{id:int}", GetAsync);
        media.MapPatch("/{id:int}", ChangeAsync);
        media.MapPost("/{id:int}/file", ReplaceAsync);
        media.MapDelete("/{id:int}", DeleteAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, MediaQueries queries, MediaUrls urls, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var problems = new Dictionary<string, string[]>();
        int Number(string name, int fallback)
        {
            var raw = query[name].FirstOrDefault();
            if (raw is null)
            {
                return fallback;
            }

            if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            problems[name] = [$"{name} is a whole number."];
            return fallback;
        }

        int? uploader = query.ContainsKey("uploader") ? Number("uploader", 0) : null;
        MediaKind? kind = query["kind"].FirstOrDefault() switch
        {
            null or "" => null,
            "image" => MediaKind.Image,
            "document" => MediaKind.Document,
            _ => Problem(problems, "kind", "kind is image or document."),
        };
        var request = new MediaListQuery(query["q"].FirstOrDefault(), uploader, query["month"].FirstOrDefault(), kind, Number("page", 1), Number("limit", 30));
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "This list cannot be shown");
        }

        var page = await queries.ListAsync(request, cancellationToken);
        return TypedResults.Json(new MediaJson.ListJson([.. page.Items.Select(i => MediaJson.Item(i, urls))], page.Total, page.Page, page.Pages, page.Limit), Json);
    }

    private static async Task<IResult> GetAsync(int id, MediaQueries queries, MediaUrls urls, CancellationToken cancellationToken)
    {
        var detail = await queries.GetAsync(id, cancellationToken);
        return TypedResults.Json(new MediaJson.DetailJson(MediaJson.Item(detail.Item, urls), [.. detail.Uses.Select(MediaJson.Use)]), Json);
    }

    private static async Task<IResult> UploadAsync(HttpContext context, MediaService media, MediaUrls urls, CancellationToken cancellationToken)
    {
        var actor = (Actor)context.Items[typeof(Actor)]!;
        var upload = await MediaUploadReader.ReadAsync(context, cancellationToken);
        var item = await media.UploadAsync(actor, upload, cancellationToken);
        return TypedResults.Created($"{Root}/{item.Id}", MediaJson.Item(item, urls));
    }

    private static async Task<IResult> ReplaceAsync(int id, HttpContext context, MediaService media, MediaUrls urls, CancellationToken cancellationToken)
    {
        var actor = (Actor)context.Items[typeof(Actor)]!;
        var upload = await MediaUploadReader.ReadAsync(context, cancellationToken);
        var item = await media.ReplaceAsync(actor, id, upload, cancellationToken);
        return TypedResults.Json(MediaJson.Item(item, urls), Json);
    }

    private static async Task<IResult> ChangeAsync(int id, HttpContext context, MediaService media, MediaUrls urls, CancellationToken cancellationToken)
    {
        var actor = (Actor)context.Items[typeof(Actor)]!;
        MediaJson.ChangeJson? change;
        try
        {
            change = await context.Request.ReadFromJsonAsync<MediaJson.ChangeJson>(Json, cancellationToken);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return TypedResults.Problem("Send the changes as JSON, such as {\"alt\": \"…\", \"focalPoint\": {\"x\": 0.5, \"y\": 0.3}}.",
                statusCode: StatusCodes.Status400BadRequest, title: "The changes cannot be read");
        }

        change ??= new MediaJson.ChangeJson(null, null, null, null);
        var item = await media.UpdateAsync(actor, id, new MediaDetails(change.Alt, change.Caption, change.Credit, change.FocalPoint?.X, change.FocalPoint?.Y), cancellationToken);
        return TypedResults.Json(MediaJson.Item(item, urls), Json);
    }

    private static async Task<IResult> DeleteAsync(int id, HttpContext context, MediaService media, CancellationToken cancellationToken)
    {
        var actor = (Actor)context.Items[typeof(Actor)]!;
        var confirmed = context.Request.Query["confirm"].FirstOrDefault() is "true" or "1";
        await media.DeleteAsync(actor, id, confirmed, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Signed in, antiforgery for changes, and every refusal as a problem with its own status.</summary>
    private static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        context.Response.Headers.CacheControl = "no-store";
        var actor = await context.RequestServices.GetRequiredService<CurrentStaff>().GetAsync(context.User, context.RequestAborted);
        if (actor is null)
        {
            return TypedResults.Problem("Sign in to the newsroom first.", statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in");
        }

        context.Items[typeof(Actor)] = actor;
        try
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                await MediaUploadReader.RefuseOversizeAsync(context); // before antiforgery reads an upload's form
                await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            }

            return await next(invocation);
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.Problem("The request carries no valid antiforgery token; reload the newsroom page and try again.",
                statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or invalid");
        }
        catch (MediaRejectedException rejected)
        {
            return TypedResults.Problem(rejected.Message, statusCode: rejected.Reason switch
            {
                MediaRejection.TooLarge => StatusCodes.Status413PayloadTooLarge,
                MediaRejection.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
                _ => StatusCodes.Status422UnprocessableEntity,
            }, title: "This file cannot be uploaded");
        }
        catch (MediaInUseException inUse)
        {
            return TypedResults.Problem(inUse.Message, statusCode: StatusCodes.Status409Conflict, title: "In use",
                extensions: new Dictionary<string, object?> { ["uses"] = inUse.Uses.Select(MediaJson.Use).ToList() });
        }
        catch (MediaStoreUnavailableException unavailable)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MediaApi)).LogError(unavailable, "The media store is unavailable");
            context.Response.Headers.RetryAfter = "30";
            return TypedResults.Problem("The media store cannot be reached just now, so nothing was stored. Try again in a minute; if it goes on, tell whoever runs the server.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Media storage unavailable");
        }
        catch (ValidationException problems)
        {
            return TypedResults.ValidationProblem(problems.Problems.ToDictionary(p => p.Key, p => new[] { p.Value }), detail: problems.Message, title: "Check what was sent");
        }
        catch (ForbiddenException forbidden)
        {
            return TypedResults.Problem(forbidden.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }
        catch (NotFoundException notFound)
        {
            return TypedResults.Problem(notFound.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
    }

    private static MediaKind? Problem(Dictionary<string, string[]> problems, string name, string message)
    {
        problems[name] = [message];
        return null;
    }
}
