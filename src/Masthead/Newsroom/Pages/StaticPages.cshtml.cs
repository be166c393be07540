using Masthead.Core.Pages;
using Masthead.Core.Publishing;

namespace Masthead.Newsroom.Pages;

/// <summary>The publication's standing pages (About us, policies), which the footer links.</summary>
public sealed class StaticPagesPage(StaticPageService pages) : NewsroomPage
{
    public IReadOnlyList<StaticPageView> Pages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanAdminister(Actor), "edit the publication's pages");
        Pages = await pages.ListAsync(cancellationToken);
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
