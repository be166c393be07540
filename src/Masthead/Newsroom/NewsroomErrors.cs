using Masthead.Core.Publishing;
using Masthead.Site.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Masthead.Newsroom;

/// <summary>
/// Turns the rules' refusals into answers: 403 for a role that may not, 409 for a step the article's state does
/// not allow, 404 for something that does not exist. A newsroom page shows the rule's own message inside the
/// newsroom (NewsroomErrors.cshtml); any other page re-executes the error page with it.
/// </summary>
public sealed class NewsroomErrors : IAsyncPageFilter
{
    public const string NoticeKey = "masthead.newsroom-error";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not { } exception || executed.ExceptionHandled)
        {
            return;
        }

        int? status = exception switch
        {
            ForbiddenException or Core.Text.Blocks.HtmlBlockRefusedException => StatusCodes.Status403Forbidden,
            WorkflowException => StatusCodes.Status409Conflict,
            NotFoundException => StatusCodes.Status404NotFound,
            Core.ValidationException => StatusCodes.Status400BadRequest,
            _ => null,
        };
        if (status is { } code)
        {
            context.HttpContext.Items[ErrorPage.MessageKey] = exception.Message;
            executed.Result = executed.HandlerInstance is NewsroomPage { Actor: not null } desk
                ? InTheNewsroom(desk, code, exception.Message)
                : new StatusCodeResult(code);
            executed.ExceptionHandled = true;
        }
    }

    /// <summary>The refusal in the newsroom's layout, with the staff member's navigation and a way back to the article.</summary>
    private static ViewResult InTheNewsroom(NewsroomPage desk, int code, string message) => new()
    {
        ViewName = "/Newsroom/NewsroomErrors.cshtml",
        StatusCode = code,
        ViewData = new ViewDataDictionary(desk.ViewData)
        {
            Model = desk,
            [NoticeKey] = ErrorPage.NoticeFor(code, message, desk.Request.Path),
        },
    };
}
