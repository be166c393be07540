using System.Globalization;
using System.Text.RegularExpressions;
using Masthead.Core.Import;
using Masthead.Core.Publication;
using Masthead.Hosting;
using Masthead.Newsroom;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Masthead.Site.Errors;

/// <summary>
/// Every error a reader meets (404, 410, 500...) re-executes here, and so does a newsroom error no page
/// rendered itself. It must render even when the database is what failed, so the masthead falls back to defaults.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed partial class ErrorPage(ILogger<ErrorPage> logger, ImportedAddresses imported) : SitePage
{
    /// <summary>The HttpContext item holding a message for the person, shown instead of the code's general explanation.</summary>
    public const string MessageKey = "masthead.error-message";

    public int Code { get; private set; }

    /// <summary>Set when the error happened under /newsroom: it is shown in the newsroom's layout with a way back.</summary>
    public NewsroomErrorNotice? NewsroomNotice { get; private set; }

    protected override async Task LoadChromeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await base.LoadChromeAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "The error page is shown without the publication's settings");
            SetChrome(new PublicationInfo("Masthead", "", "", "", "", "", "en-US", "UTC", null, NotesPosition.Top, FeedContent.Full, DateTime.UnixEpoch), []);
        }
    }

    /// <summary>An error page shows the banner when it can; one that cannot reach the database shows none.</summary>
    protected override async Task<Core.Banner.BannerView?> LoadBannerAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await base.LoadBannerAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "The error page is shown without the site banner");
            return null;
        }
    }

    /// <summary>
    /// A failed request is re-executed here with its own method (POST, PUT, DELETE...): every method gets the page
    /// <see cref="OnGetAsync"/> builds.
    /// </summary>
    public override void OnPageHandlerSelected(PageHandlerSelectedContext context) =>
        context.HandlerMethod ??= context.ActionDescriptor.HandlerMethods.Single(h => string.Equals(h.HttpMethod, "Get", StringComparison.OrdinalIgnoreCase));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // The code comes from the route, never from model binding: binding reads the failed request's form, and a
        // form too large to read would leave the code unbound (and the page a 404).
        Code = int.TryParse(RouteData.Values["code"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 400 and <= 599 ? code : 404;
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (DatabaseOutage.Is(failure?.Error))
        {
            Code = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        Response.StatusCode = Code;
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var originalPath = failure?.Path ?? reExecuted?.OriginalPath ?? "";
        if (Code == StatusCodes.Status404NotFound && failure is null && reExecuted is not null && IsReaderAddress(originalPath)
            && (HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method))
            && await imported.FindAsync(originalPath, reExecuted.OriginalQueryString, cancellationToken) is { } movedTo)
        {
            ImportedRedirects.Redirect(Response, movedTo); // an imported item's old address
            return new EmptyResult();
        }

        if (originalPath.StartsWith("/api/", StringComparison.Ordinal) || originalPath.StartsWith("/ghost/api/", StringComparison.Ordinal))
        {
            // Programs get the message in the errors form the Content API and the search API both use.
            return new JsonResult(new { errors = new[] { new { message = Explanation, type = ErrorType } } }) { StatusCode = Code };
        }

        if (originalPath.Equals("/newsroom", StringComparison.OrdinalIgnoreCase) || originalPath.StartsWith("/newsroom/", StringComparison.OrdinalIgnoreCase))
        {
            Response.Headers.CacheControl = "no-cache, no-store";
            NewsroomNotice = NoticeFor(Code, Explanation, originalPath);
        }

        Meta.NoIndex = true;
        Meta.Title = TitleFor(Heading);
        return Page();
    }

    public string Heading => HeadingFor(Code);

    private static bool IsReaderAddress(string path) =>
        !path.StartsWith("/newsroom", StringComparison.OrdinalIgnoreCase) && !path.StartsWith("/api/", StringComparison.Ordinal)
        && !path.StartsWith("/ghost/", StringComparison.Ordinal) && !path.StartsWith("/media/", StringComparison.Ordinal);

    public static string HeadingFor(int code) => code switch
    {
        400 => "That could not be saved",
        403 => "Your role does not allow this",
        404 => "Page not found",
        409 => "That step is not possible now",
        413 => "That is too long to send",
        503 => "The site is catching its breath",
        429 => "Too many attempts",
        410 => "This article has been removed",
        >= 500 => "Something went wrong",
        _ => "This page cannot be shown",
    };

    /// <summary>What an error at <paramref name="newsroomPath"/> shows, with a link back to the article it is about, if any.</summary>
    public static NewsroomErrorNotice NoticeFor(int code, string explanation, string newsroomPath)
    {
        var article = ArticleAddress().Match(newsroomPath);
        var editor = article.Success && code != StatusCodes.Status404NotFound ? $"/newsroom/articles/{article.Groups["id"].Value}" : null;
        return new NewsroomErrorNotice(HeadingFor(code), explanation, editor);
    }

    /// <summary>The error's type as Ghost's APIs name it.</summary>
    private string ErrorType => Code switch
    {
        404 => "NotFoundError",
        413 => "RequestEntityTooLargeError",
        503 => "ServiceUnavailableError",
        >= 500 => "InternalServerError",
        _ => "BadRequestError",
    };

    public string Explanation => HttpContext.Items[MessageKey] as string ?? Code switch
    {
        403 => "Ask an editor or an administrator if you need this done.",
        413 => "What you sent is larger than this page accepts, so none of it was read.",
        429 => "Please wait a few minutes before trying again.",
        404 => "There is no page at this address. It may have moved, or the link may be mistyped.",
        410 => "The editors have taken this article down.",
        503 => "Its database cannot be reached just now. Nothing you sent was half-saved: please try again in a minute.",
        >= 500 => "We could not show this page just now. Please try again in a moment.",
        _ => "The request could not be answered.",
    };

    [GeneratedRegex(@"^/newsroom/(?:articles|live)/(?<id>[0-9]+)(?:/|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ArticleAddress();
}
