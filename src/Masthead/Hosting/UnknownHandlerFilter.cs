using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Masthead.Hosting;

/// <summary>
/// A form post that names no handler the page has (a bare POST to an editor whose actions are all named) answers
/// 400 instead of rendering the page without the data its handlers load.
/// </summary>
public sealed class UnknownHandlerFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Result = new BadRequestResult();
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
