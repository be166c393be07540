using System.Globalization;
using Masthead.Core.Pages;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Pages;

/// <summary>Writes a new standing page (/newsroom/pages/new) or edits one (/newsroom/pages/{id}).</summary>
public sealed class StaticPageEditorPage(StaticPageService pages) : NewsroomPage
{
    public int? PageId { get; private set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Slug { get; set; }

    [BindProperty]
    public string? BodyMarkdown { get; set; }

    [BindProperty]
    public StaticPageRole Role { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanAdminister(Actor), "edit the publication's pages");
        if (!TryReadId(id, out var pageId))
        {
            return NotFound();
        }

        PageId = pageId;
        if (pageId is { } existing)
        {
            var page = await pages.GetAsync(existing, cancellationToken) ?? throw new NotFoundException($"There is no page {existing}.");
            (Title, Slug, BodyMarkdown, Role) = (page.Title, page.Slug, page.BodyMarkdown, page.Role);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanAdminister(Actor), "edit the publication's pages");
        if (!TryReadId(id, out var pageId))
        {
            return NotFound();
        }

        PageId = pageId;
        try
        {
            var savedId = await pages.SaveAsync(Actor, pageId, new StaticPageInput(Title ?? "", Slug, (BodyMarkdown ?? "").ReplaceLineEndings("\n"), Role), cancellationToken);
            var saved = await pages.GetAsync(savedId, cancellationToken);
            Flash = $"“{saved!.Title}” is saved and published at {saved.Path}.";
            return Redirect($"/newsroom/pages/{savedId}");
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems);
            return Page();
        }
    }

    /// <summary>"new" for a new page, otherwise the page's number.</summary>
    private static bool TryReadId(string id, out int? pageId)
    {
        pageId = null;
        if (id == "new")
        {
            return true;
        }

        if (int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            pageId = number;
            return true;
        }

        return false;
    }
}
