using Masthead.Core.Banner;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Banner;

/// <summary>
/// Editors raise the site-wide banner (BREAKING, LIVE...) and lower it. It is on every page at once, open ones
/// included, on every node; it comes down by itself at its expiry.
/// </summary>
public sealed class SiteBannerPage(BannerService banners, BannerQueries queries) : NewsroomPage
{
    public const int HistoryCount = 10;
    public const int StoryChoices = 20;

    /// <summary>How long a banner may stay up by itself, in minutes; 0 until it is lowered.</summary>
    public static readonly IReadOnlyList<(int Minutes, string Label)> Expiries =
        [(0, "Until it is lowered"), (30, "30 minutes"), (60, "1 hour"), (120, "2 hours"), (360, "6 hours"), (720, "12 hours"), (1440, "24 hours")];

    public BannerView? Current { get; private set; }
    public IReadOnlyList<BannerRecord> History { get; private set; } = [];
    public IReadOnlyList<BannerStory> Stories { get; private set; } = [];

    [BindProperty]
    public string? Label { get; set; } = "BREAKING";

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public int? ArticleId { get; set; }

    [BindProperty]
    public int ExpiresInMinutes { get; set; } = 60;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRaiseAsync(CancellationToken cancellationToken)
    {
        if (!Expiries.Any(e => e.Minutes == ExpiresInMinutes))
        {
            ModelState.AddModelError(nameof(ExpiresInMinutes), "Choose one of the expiries offered.");
            await LoadAsync(cancellationToken);
            return Page();
        }

        try
        {
            var now = HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            DateTime? expires = ExpiresInMinutes == 0 ? null : now.AddMinutes(ExpiresInMinutes);
            await banners.RaiseAsync(Actor, new BannerInput(Label, Text, ArticleId, expires), cancellationToken);
            Flash = "The banner is up on every page.";
            return Redirect("/newsroom/banner");
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems);
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostLowerAsync(CancellationToken cancellationToken)
    {
        Flash = await banners.LowerAsync(Actor, cancellationToken) ? "The banner is down on every page." : "No banner was up.";
        return Redirect("/newsroom/banner");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanRunBanner(Actor), "run the site banner");
        Current = await queries.CurrentAsync(cancellationToken);
        History = await queries.HistoryAsync(HistoryCount, cancellationToken);
        Stories = await queries.StoriesAsync(StoryChoices, cancellationToken);
    }
}
