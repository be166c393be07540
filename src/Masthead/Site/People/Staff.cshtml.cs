using Masthead.Core.People;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Site.People;

public sealed class StaffPage(StaffService staff) : SitePage
{
    public IReadOnlyList<StaffProfile> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        People = await staff.ListActiveAsync(cancellationToken);
        CurrentNav = "/staff";
        Meta.Title = TitleFor("Our staff");
        Meta.Description = $"The people who report, write and edit {Publication.Name}.";
        Meta.CanonicalUrl = Absolute("/staff");
        return Page();
    }
}
