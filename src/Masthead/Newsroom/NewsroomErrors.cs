using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Masthead.Newsroom;

/// <summary>
/// Turns the rules' refusals into answers: 403 for a role that may not, 409 for a step the article's state does
/// not allow, 404 for something that does not exist. The error page shows the rule's own message.
/// </summary>
public sealed class NewsroomErrors : IAsyncPageFilter
{
    public const string MessageKey = "masthead.error-message";

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
            ForbiddenException => StatusCodes.Status403Forbidden,
            WorkflowException => StatusCodes.Status409Conflict,
            KeyNotFoundException => StatusCodes.Status404NotFound,
            Core.ValidationException => StatusCodes.Status400BadRequest,
            _ => null,
        };
        if (status is { } code)
        {
            context.HttpContext.Items[MessageKey] = exception.Message;
            executed.Result = new StatusCodeResult(code);
            executed.ExceptionHandled = true;
        }
    }
}
