using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site;

public sealed class ContactPage : SitePage
{
    public IActionResult OnGet()
    {
        CurrentNav = "contact";
        Meta.Title = TitleFor("Contact");
        Meta.Description = $"How to reach the editors of {Publication.Name} with a tip, a question or a correction.";
        Meta.CanonicalUrl = Absolute("/contact");
        return Page();
    }
}
