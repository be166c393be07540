using Microsoft.Extensions.Primitives;

namespace Masthead.ContentApi;

/// <summary>Marks a Content API endpoint; <see cref="RequiresKey"/> is false only for the OpenAPI document.</summary>
internal sealed record ContentApiEndpointMetadata(bool RequiresKey);

/// <summary>
/// In front of the output cache, so a cached answer is never given to a request without a valid key: answers CORS
/// preflights, adds Ghost's headers, and checks ?key= against the valid keys. Any origin may call the API; the key
/// only unlocks what readers can already see.
/// </summary>
internal sealed class ContentApiGate(RequestDelegate next, ContentApiKeyCache keys)
{
    public const string ApiPath = "/ghost/api";

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint()?.Metadata.GetMetadata<ContentApiEndpointMetadata>();
        if (endpoint is null && !context.Request.Path.StartsWithSegments(ApiPath))
        {
            await next(context);
            return;
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
            headers.AccessControlAllowHeaders = StringValues.IsNullOrEmpty(context.Request.Headers.AccessControlRequestHeaders)
                ? "Accept-Version, Content-Type"
                : context.Request.Headers.AccessControlRequestHeaders;
            headers.AccessControlMaxAge = "86400";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        headers["Content-Version"] = "v" + SettingsJson.GhostVersion;
        headers.Vary = "Accept-Version, Accept-Encoding";
        if (endpoint is null)
        {
            await next(context);
            return;
        }

        if (endpoint.RequiresKey)
        {
            var key = context.Request.Query["key"];
            if (key.Count > 1)
            {
                await GhostErrors.SeveralKeysAsync(context);
                return;
            }

            if (StringValues.IsNullOrEmpty(key))
            {
                await GhostErrors.MissingKeyAsync(context);
                return;
            }

            if (!await keys.IsValidAsync(key.ToString(), context.RequestAborted))
            {
                await GhostErrors.UnknownKeyAsync(context);
                return;
            }
        }

        await next(context);
    }
}
