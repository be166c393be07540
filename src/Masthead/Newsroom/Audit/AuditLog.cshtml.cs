using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Audit;

/// <summary>Who did what and when: publishing, corrections, restores, invitations, roles and settings.</summary>
public sealed class AuditLogPage(AuditQueries audit) : NewsroomPage
{
    public const int PageSize = 50;

    public Page<AuditView> Entries { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        Entries = await audit.ListAsync(Actor, Math.Max(pageNumber, 1), PageSize, cancellationToken);
        return pageNumber < 1 || pageNumber > Entries.TotalPages ? NotFound() : Page();
    }
}
