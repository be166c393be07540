using System.Globalization;
using Masthead.Core.Autosaves;
using Masthead.Site.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Masthead.Newsroom.Articles;

/// <summary>
/// Holds an autosave's post (?handler=Autosave) to <see cref="MaxBytes"/> before anything reads it: a larger one is
/// refused with 413 by its Content-Length, or as soon as its body passes the limit, before antiforgery or model
/// binding parse the form. Every other post to the page keeps the server's usual limits.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AutosaveLimitAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>The form's fields at their limits as UTF-8, with room for the form's own encoding.</summary>
    public const long MaxBytes = 2 * AutosaveService.MaxFieldsLength + 512 * 1024;

    /// <summary>Before antiforgery (1000) reads the form.</summary>
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !string.Equals(http.Request.Query["handler"], "Autosave", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (http.Request.ContentLength > MaxBytes)
        {
            Refuse(context);
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBytes;
        }

        try
        {
            // Read here, within the limit; antiforgery and model binding then use the form already read.
            if (http.Request.HasFormContentType)
            {
                await http.Request.ReadFormAsync(http.RequestAborted);
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            Refuse(context);
        }
    }

    private static void Refuse(AuthorizationFilterContext context)
    {
        context.HttpContext.Items[ErrorPage.MessageKey] = string.Create(CultureInfo.InvariantCulture,
            $"An autosave holds at most {MaxBytes / 1024:N0} KB; save the article to keep this much.");
        context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
    }
}
