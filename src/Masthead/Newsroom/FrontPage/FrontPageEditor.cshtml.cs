using System.Globalization;
using Masthead.Core.Articles;
using Masthead.Core.FrontPage;
using Masthead.Core.Publishing;
using Masthead.Core.Search;
using Masthead.Core.Sections;
using Masthead.Core.SiteData;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.FrontPage;

/// <summary>
/// Editors choose the lead and the top stories (found by searching), order them, say how long each stays, and
/// arrange the section blocks. Every action but Save posts the whole form and shows it again, changed and unsaved,
/// so the editor works without JavaScript; with it, newsroom.js swaps in the changed parts instead of reloading.
/// </summary>
public sealed class FrontPageEditorPage(
    FrontPageService curation, FrontPageQueries front, ArticleQueries articles, IArticleSearch search, SiteDataService siteData, TimeProvider time)
    : NewsroomPage
{
    public const int FoundCount = 10;

    private (string List, int To)? _moved;
    private (int ArticleId, int? Slot)? _placed;

    [BindProperty]
    public FrontPageForm Form { get; set; } = new();

    /// <summary>save, search, or refresh (show the form as posted, as after dragging a story).</summary>
    [BindProperty]
    public string? Intent { get; set; }

    /// <summary>"slot:2:up" or "block:1:down".</summary>
    [BindProperty]
    public string? Move { get; set; }

    /// <summary>"{article id}:lead" or "{article id}:top".</summary>
    [BindProperty]
    public string? Place { get; set; }

    /// <summary>The slot to leave to the latest again.</summary>
    [BindProperty]
    public int? Clear { get; set; }

    public IReadOnlyList<SectionView> Sections { get; private set; } = [];

    /// <summary>What readers would see with the form as it stands.</summary>
    public FrontPageContent Resolved { get; private set; } = null!;

    /// <summary>Stories to choose from: the search's results, or the latest when nothing was searched.</summary>
    public IReadOnlyList<ArticleSummary> Found { get; private set; } = [];
    public string? SearchProblem { get; private set; }

    /// <summary>What the last action did, for the status line a screen reader announces.</summary>
    public string? Status { get; private set; }

    /// <summary>The id of the element to focus after the action: where the person's attention goes next.</summary>
    public string? FocusId { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanCurate(Actor), "choose the front page");
        Sections = (await siteData.GetAsync(cancellationToken)).Sections;
        Form = FrontPageForm.From(await curation.GetAsync(cancellationToken), Sections);
        await LoadAsync(cancellationToken);
        for (var slot = 0; slot < Form.Slots.Count; slot++)
        {
            if (Form.Slots[slot].ArticleId is not null && !Resolved.Slots[slot].Curated)
            {
                Form.Slots[slot] = new SlotField(); // unpublished since it was chosen: the latest has its place
            }
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanCurate(Actor), "choose the front page");
        Sections = (await siteData.GetAsync(cancellationToken)).Sections;
        Form.Normalize(Sections);
        if (Intent == "save")
        {
            try
            {
                await curation.SaveAsync(Actor, Form.ToCuration(time.GetUtcNow().UtcDateTime), cancellationToken);
                Flash = "The front page is saved: readers see it now.";
                return Redirect("/newsroom/front-page");
            }
            catch (Core.ValidationException problems)
            {
                AddProblems(problems, "Form.");
                FocusId = "curation-errors";
            }
        }

        await LoadAsync(cancellationToken);
        Act();
        return Page();
    }

    /// <summary>"the lead story", "top story 3".</summary>
    private static string SlotPhrase(int slot) => slot == 0 ? "the lead story" : $"top story {slot}";

    public string HeadlineOf(int slot) =>
        Resolved.Slots[slot].Story?.Headline ?? "this story";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Move is not null || Place is not null || Clear is not null)
        {
            Apply();
        }

        Resolved = await front.BuildAsync(Form.ToCuration(time.GetUtcNow().UtcDateTime), Sections, cancellationToken);
        if (string.IsNullOrWhiteSpace(Form.Query))
        {
            Found = await articles.LatestAsync(ArticleFilter.All, FoundCount, cancellationToken: cancellationToken);
            return;
        }

        try
        {
            var results = await search.SearchAsync(SearchRequest.From(Form.Query, "newest", pageSize: FoundCount), cancellationToken);
            Found = [.. results.Hits.Items.Select(h => h.Article)];
        }
        catch (Core.ValidationException refused)
        {
            SearchProblem = string.Join(" ", refused.Problems.Values);
        }
    }

    /// <summary>Moves, places or clears as the pressed button says, before the page is built.</summary>
    private void Apply()
    {
        if (Move?.Split(':') is [var list, var index, var direction] && int.TryParse(index, CultureInfo.InvariantCulture, out var from))
        {
            var by = direction == "up" ? -1 : 1;
            var to = list == "block" ? FrontPageForm.Move(Form.Blocks, from, by) : FrontPageForm.Move(Form.Slots, from, by);
            FocusId = $"{list}-{to}-{direction}";
            _moved = (list, to);
        }
        else if (Place?.Split(':') is [var id, var where] && int.TryParse(id, CultureInfo.InvariantCulture, out var articleId))
        {
            _placed = (articleId, Form.Place(articleId, where == "lead"));
        }
        else if (Clear is { } slot && slot >= 0 && slot < Form.Slots.Count)
        {
            Form.Slots[slot] = new SlotField();
            FocusId = $"slot-{slot}-up";
            Status = $"{FrontPageLayout.SlotName(slot)} shows the latest story again.";
        }
    }

    /// <summary>Says what the action did, now that the page knows every story's headline.</summary>
    private void Act()
    {
        if (_moved is var (list, to))
        {
            Status = list == "block"
                ? $"{Sections.FirstOrDefault(s => s.Id == Form.Blocks[to].SectionId)?.Name} is now block {to + 1} of {Form.Blocks.Count}."
                : Form.Slots[to].ArticleId is null
                    ? $"{FrontPageLayout.SlotName(to)} now shows the latest story."
                    : $"“{HeadlineOf(to)}” is now {SlotPhrase(to)}.";
        }
        else if (_placed is var (_, slot))
        {
            if (slot is { } placed)
            {
                FocusId = $"slot-{placed}-clear";
                Status = $"“{HeadlineOf(placed)}” is now {SlotPhrase(placed)}.";
            }
            else
            {
                FocusId = "curation-status";
                Status = "Every top-story slot holds a chosen story: remove one first, or make this story the lead.";
            }
        }
        else if (Intent == "search")
        {
            FocusId = "found-heading";
            Status = SearchProblem ?? $"{Found.Count} {(Found.Count == 1 ? "story" : "stories")} found.";
        }
    }
}
