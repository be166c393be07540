using Masthead.Core.FrontPage;
using Masthead.Core.Publishing;
using Masthead.Site;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.FrontPage;

/// <summary>
/// The front page as readers would see it with the editor's unsaved choices, in the reader site's own layout: the
/// editor's form, posted here. Never cached, never indexed.
/// </summary>
public sealed class FrontPagePreviewPage(FrontPageQueries front, CurrentStaff staff, TimeProvider time) : SitePage
{
    [BindProperty]
    public FrontPageForm Form { get; set; } = new();

    public FrontPageContent Stories { get; private set; } = null!;

    public IActionResult OnGet() => Redirect("/newsroom/front-page");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        var actor = await staff.GetAsync(User, cancellationToken);
        if (actor is null)
        {
            return Redirect("/newsroom/sign-in");
        }

        Permissions.Demand(Permissions.CanCurate(actor), "choose the front page");
        Form.Normalize(Sections);
        Stories = await front.BuildAsync(Form.ToCuration(time.GetUtcNow().UtcDateTime), Sections, cancellationToken);
        CurrentNav = "/";
        Meta.Title = $"Preview - {Publication.Name}";
        Meta.NoIndex = true;
        return Page();
    }
}
