using System.Globalization;
using Masthead.Core.Publication;
using Masthead.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site.Errors;

/// <summary>
/// Every error a reader meets (404, 410, 500...) re-executes here. It must render even when the database
/// is what failed, so the masthead falls back to defaults.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorPage(ILogger<ErrorPage> logger) : SitePage
{
    public int Code { get; private set; }

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

    public IActionResult OnGet(int code)
    {
        Code = code is >= 400 and <= 599 ? code : 404;
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (DatabaseOutage.Is(failure?.Error))
        {
            Code = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        Response.StatusCode = Code;
        var originalPath = failure?.Path ?? HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? "";
        if (originalPath.StartsWith("/api/", StringComparison.Ordinal) || originalPath.StartsWith("/ghost/api/", StringComparison.Ordinal))
        {
            // Programs get the message in the errors form the Content API and the search API both use.
            return new JsonResult(new { errors = new[] { new { message = Explanation, type = ErrorType } } }) { StatusCode = Code };
        }

        Meta.NoIndex = true;
        Meta.Title = TitleFor(Heading);
        return Page();
    }

    /// <summary>A refused form post is re-executed here as a POST: it gets the same page.</summary>
    public IActionResult OnPost(int code) => OnGet(code);

    public string Heading => Code switch
    {
        400 => "That could not be saved",
        403 => "Your role does not allow this",
        404 => "Page not found",
        409 => "That step is not possible now",
        503 => "The site is catching its breath",
        429 => "Too many attempts",
        410 => "This article has been removed",
        >= 500 => "Something went wrong",
        _ => "This page cannot be shown",
    };

    /// <summary>The error's type as Ghost's APIs name it.</summary>
    private string ErrorType => Code switch
    {
        404 => "NotFoundError",
        503 => "ServiceUnavailableError",
        >= 500 => "InternalServerError",
        _ => "BadRequestError",
    };

    public string Explanation => HttpContext.Items[Newsroom.NewsroomErrors.MessageKey] as string ?? Code switch
    {
        403 => "Ask an editor or an administrator if you need this done.",
        429 => "Please wait a few minutes before trying again.",
        404 => "There is no page at this address. It may have moved, or the link may be mistyped.",
        410 => "The editors have taken this article down.",
        503 => "Its database cannot be reached just now. Nothing you sent was half-saved: please try again in a minute.",
        >= 500 => "We could not show this page just now. Please try again in a moment.",
        _ => "The request could not be answered.",
    };
}
