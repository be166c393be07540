using Masthead.Core.Pages;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Pages;

/// <summary>The publication's standing pages (About us, policies), found and sorted by the address's parameters.</summary>
public sealed class StaticPagesPage(StaticPageService pages) : NewsroomPage
{
    public IReadOnlyList<StaticPageView> Pages { get; private set; } = [];
    public int Total { get; private set; }

    /// <summary>Pages whose title or address holds this.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>title (the default), address, role or changed (the latest first).</summary>
    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    public string SortedBy => Sort is "address" or "role" or "changed" ? Sort : "title";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanAdminister(Actor), "edit the publication's pages");
        var all = await pages.ListAsync(cancellationToken);
        Total = all.Count;
        var found = all.Where(p => ListTools.Matches(Query, p.Title, p.Path));
        Pages = SortedBy switch
        {
            "address" => [.. found.OrderBy(p => p.Slug, StringComparer.Ordinal)],
            "role" => [.. found.OrderBy(p => p.Role == StaticPageRole.None).ThenBy(p => RoleName(p.Role), StringComparer.CurrentCulture)],
            "changed" => [.. found.OrderByDescending(p => p.UpdatedAt)],
            _ => [.. found.OrderBy(p => p.Title, StringComparer.CurrentCultureIgnoreCase)],
        };
    }

    public static string RoleName(StaticPageRole role) => role switch
    {
        StaticPageRole.About => "About the publication",
        StaticPageRole.EthicsPolicy => "Ethics policy",
        StaticPageRole.CorrectionsPolicy => "Corrections policy",
        StaticPageRole.PublishingPrinciples => "Publishing principles",
        _ => "None",
    };
}
