using System.Globalization;
using Masthead.Core.People;
using Masthead.Site.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Masthead.Newsroom.Import;

/// <summary>
/// Guards the Import page's upload before its body is read: anyone but an administrator gets 403, and a body larger
/// than <see cref="ImportPage.MaxUploadBytes"/> (as claimed, or as it turns out) 413, so neither is ever buffered.
/// Antiforgery, which reads the form, comes after.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ImportUploadGuardAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }

        var actor = await http.RequestServices.GetRequiredService<CurrentStaff>().GetAsync(http.User, http.RequestAborted);
        if (actor is null || !actor.IsAtLeast(NewsroomRole.Administrator))
        {
            http.Items[ErrorPage.MessageKey] = "Your role does not allow you to import an archive.";
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        if (http.Request.ContentLength > ImportPage.MaxUploadBytes)
        {
            TooLarge(context);
            return;
        }

        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted); // kept for antiforgery and binding
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            TooLarge(context);
        }
    }

    private static void TooLarge(AuthorizationFilterContext context)
    {
        var limit = (ImportPage.MaxUploadBytes / 1048576).ToString("N0", CultureInfo.InvariantCulture);
        context.HttpContext.Items[ErrorPage.MessageKey] =
            $"The Import page accepts files of up to {limit} MB, so none of this one was read. Import a larger file on the server with masthead import.";
        context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
    }
}
