using System.Net;
using Masthead.Core.Publication;
using Microsoft.Net.Http.Headers;

namespace Masthead.SecurityHeaders;

/// <summary>
/// Adds the security headers to every answer, from the output cache or not, as it starts: by then the content type
/// says whether it is a page. Which part of the site it belongs to is read from the address first asked for, so an
/// error page re-executed for a newsroom address is a newsroom page.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, ContentSecurityPolicies policies, PublicationCache publication)
{
    private const string OneYear = "max-age=31536000";

    /// <summary>Powerful browser features no page of the site uses; a script that got in cannot ask for them either.</summary>
    private const string UnusedFeatures = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /// <summary>Marks a newsroom answer as the editor's preview frame (see <see cref="AllowFramingBySite"/>).</summary>
    private static readonly object PreviewFrameKey = new();

    /// <summary>
    /// Lets the site itself frame this newsroom page, which is otherwise never framed: the article editor's preview,
    /// which shows the text as the reader page would, beside the text.
    /// </summary>
    public static void AllowFramingBySite(HttpContext context) => context.Items[PreviewFrameKey] = true;

    /// <summary>
    /// Keeps the policy the endpoint set itself: an email's preview, which must show its own inline styles and is
    /// sandboxed so that nothing in it runs.
    /// </summary>
    public static void KeepOwnPolicy(HttpContext context) => context.Items[OwnPolicyKey] = true;

    private const string OwnPolicyKey = "Masthead.OwnContentSecurityPolicy";

    public Task InvokeAsync(HttpContext context)
    {
        var newsroom = context.Request.Path.StartsWithSegments("/newsroom", StringComparison.OrdinalIgnoreCase);
        context.Response.OnStarting(() =>
        {
            Add(context, newsroom);
            return Task.CompletedTask;
        });
        return next(context);
    }

    private void Add(HttpContext context, bool newsroom)
    {
        if (context.Response.StatusCode == StatusCodes.Status304NotModified)
        {
            // The browser keeps the headers it stored with the page and takes on any a 304 sends; this 304 has no
            // content type to tell a page by, and would hand the page the policy of a file.
            return;
        }

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // Newsroom addresses (article ids, set-password tokens) never leave the site; readers' links tell other sites
        // only that the reader came from this publication.
        headers["Referrer-Policy"] = newsroom ? "same-origin" : "strict-origin-when-cross-origin";
        if (newsroom)
        {
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
        }

        if (context.Items.ContainsKey(OwnPolicyKey) && !string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            headers.XFrameOptions = "DENY";
        }
        else if (IsPage(context.Response.ContentType))
        {
            // The hosts embeds may come from are the settings' as the page was rendered, which read them.
            var embedHosts = publication.Current?.ExtraEmbedHosts ?? [];
            var previewFrame = newsroom && context.Items.ContainsKey(PreviewFrameKey);
            headers.ContentSecurityPolicy = previewFrame ? policies.PreviewFrame(embedHosts) : newsroom ? policies.NewsroomPage : policies.ReaderPage(embedHosts);
            headers.XFrameOptions = newsroom && !previewFrame ? "DENY" : "SAMEORIGIN"; // for browsers that predate frame-ancestors
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = UnusedFeatures;
        }
        else
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicies.LockedDown;
        }

        if (context.Request.IsHttps && !IsLoopback(context.Request.Host.Host))
        {
            // Without includeSubDomains: other sites under the publication's domain are not Masthead's to decide for.
            headers.StrictTransportSecurity = OneYear;
        }
    }

    private static bool IsPage(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) && type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>A developer's https://localhost must not be pinned to https for every other site they run there.</summary>
    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
