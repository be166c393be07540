using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Masthead.Site.Errors;

/// <summary>
/// Reads a page's posted form before antiforgery does, so a post over the page's [RequestSizeLimit] or
/// [RequestFormLimits] answers 413 on the error page, explained, rather than failing as a missing token (400).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RefuseOversizeFormAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>The longest text the form accepts, named in the explanation.</summary>
    public int MaxCharacters { get; init; }

    /// <summary>After the limit attributes (900) have set the limits, before antiforgery (1000) reads the form.</summary>
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (!request.HasFormContentType)
        {
            return;
        }

        try
        {
            // The form is kept, so antiforgery and model binding read it from here without reading the body again.
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            context.HttpContext.Items[ErrorPage.MessageKey] = string.Create(CultureInfo.InvariantCulture,
                $"What you sent is far over this form's limit of {MaxCharacters:N0} characters, so none of it was read or sent. Go back, shorten it and send it again: your " +
                    $"browser's Back button usually keeps what you typed.");
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
    }
}
