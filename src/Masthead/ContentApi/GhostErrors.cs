using System.Text.Json;
using Masthead.Core.ContentApi;

namespace Masthead.ContentApi;

/// <summary>
/// Errors in Ghost's form: <c>{"errors":[{"message","context","type","details","property","help","code","id","ghostErrorCode"}]}</c>,
/// never cached. Inside an endpoint Ghost rewords the message after the action ("Resource not found error, cannot read
/// post.") and keeps the cause as the context; the key checks before it answer with their own message.
/// </summary>
internal static class GhostErrors
{
    private const string NeverCache = "no-cache, private, no-store, must-revalidate, max-stale=0, post-check=0, pre-check=0";

    public static Task MissingKeyAsync(HttpContext context) => WriteAsync(context, StatusCodes.Status403Forbidden, "NoPermissionError",
        "Authorization failed",
        "Unable to determine the authenticated member or integration. Check the supplied Content API Key and ensure cookies are being passed through if member auth is failing.");

    public static Task UnknownKeyAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized, "UnauthorizedError", "Unknown Content API Key", null, "UNKNOWN_CONTENT_API_KEY");

    public static Task SeveralKeysAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status400BadRequest, "BadRequestError", "Invalid Request", null, "INVALID_REQUEST");

    public static Task NoSuchResourceAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status404NotFound, "NotFoundError", "Resource not found", null);

    /// <summary>A refusal from inside an endpoint, worded after the action as Ghost words it.</summary>
    public static Task RefusedAsync(HttpContext context, ContentApiException error, GhostResource resource, bool browse)
    {
        var action = resource.Action(browse);
        return error.Kind switch
        {
            ContentApiError.NotFound => WriteAsync(context, StatusCodes.Status404NotFound, "NotFoundError", $"Resource not found error, cannot {action}.", error.Message),
            ContentApiError.Validation => WriteAsync(context, StatusCodes.Status422UnprocessableEntity, "ValidationError", $"Validation error, cannot {action}.", error.Message),
            _ => WriteAsync(context, StatusCodes.Status400BadRequest, "BadRequestError", $"Request not understood error, cannot {action}.", error.Message),
        };
    }

    internal static async Task WriteAsync(HttpContext context, int status, string type, string message, string? detail, string? code = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = NeverCache;
        await using (var json = new Utf8JsonWriter(response.BodyWriter, ContentJson.Options))
        {
            json.WriteStartObject();
            json.WriteStartArray("errors");
            json.WriteStartObject();
            json.WriteString("message", message);
            json.WriteText("context", detail);
            json.WriteString("type", type);
            json.WriteNull("details");
            json.WriteNull("property");
            json.WriteNull("help");
            json.WriteText("code", code);
            json.WriteString("id", Guid.NewGuid());
            json.WriteNull("ghostErrorCode");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
