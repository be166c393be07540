using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Masthead.Newsroom;

/// <summary>
/// Base of every signed-in newsroom page: resolves the acting staff member from the database, signs out anyone
/// deactivated, and keeps newsroom pages out of every cache.
/// </summary>
public abstract class NewsroomPage : PageModel
{
    public Actor Actor { get; private set; } = null!;
    public PublicationInfo Publication { get; private set; } = null!;

    /// <summary>A one-line confirmation carried across the redirect after a successful post.</summary>
    [TempData]
    public string? Flash { get; set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        var services = HttpContext.RequestServices;
        var actor = await services.GetRequiredService<CurrentStaff>().GetAsync(User, HttpContext.RequestAborted);
        if (actor is null)
        {
            await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            context.Result = Redirect("/newsroom/sign-in");
            return;
        }

        Actor = actor;
        Publication = await services.GetRequiredService<PublicationService>().GetAsync(HttpContext.RequestAborted);
        await next();
    }

    /// <summary>Copies a rule's field problems onto the form, so the page shows them beside what was typed.</summary>
    protected void AddProblems(Core.ValidationException problems, string prefix = "")
    {
        foreach (var (field, message) in problems.Problems)
        {
            ModelState.AddModelError(prefix + field, message);
        }
    }

    public string LocalTime(DateTime utc) => Publication.Clock.FormatDateTime(utc);
}
