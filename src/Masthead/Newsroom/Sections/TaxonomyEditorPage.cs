using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Sections;

/// <summary>A section or tag as its editor shows it.</summary>
public sealed record TaxonomyItem(int Id, string Name, string Slug, string Description);

/// <summary>What renaming and deleting a section and a tag have in common; each page says only what differs.</summary>
public abstract class TaxonomyEditorPage : NewsroomPage
{
    public TaxonomyItem Item { get; private set; } = null!;
    public int ArticleCount { get; private set; }

    /// <summary>Set when a colleague deleted it while this person was editing it.</summary>
    public bool IsGone { get; private set; }

    [BindProperty]
    public TaxonomyForm Form { get; set; } = new();

    /// <summary>"section" or "tag", as the page's text and URLs use it.</summary>
    public abstract string Kind { get; }

    public string KindTitle => char.ToUpperInvariant(Kind[0]) + Kind[1..];

    /// <summary>What deleting does to the articles, for the delete panel.</summary>
    public abstract string DeleteConsequence { get; }

    protected abstract Task<TaxonomyItem?> FindAsync(int id, CancellationToken cancellationToken);
    protected abstract Task<int> CountArticlesAsync(int id, CancellationToken cancellationToken);
    protected abstract Task UpdateAsync(int id, TaxonomyForm form, CancellationToken cancellationToken);
    /// <returns>False when it was already deleted.</returns>
    protected abstract Task<bool> DeleteAsync(int id, CancellationToken cancellationToken);
    protected abstract string Deleted(TaxonomyItem item, int articleCount);

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await TryLoadAsync(id, cancellationToken))
        {
            throw new NotFoundException($"There is no {Kind} {id}.");
        }

        FillForm();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken cancellationToken)
    {
        if (!await TryLoadAsync(id, cancellationToken))
        {
            return Gone(id);
        }

        try
        {
            await UpdateAsync(id, Form, cancellationToken);
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems, "Form.");
            return Page();
        }
        catch (NotFoundException)
        {
            return Gone(id);
        }

        Flash = $"The {Kind} {Form.Name!.Trim()} is saved.";
        return Redirect("/newsroom/sections");
    }

    /// <summary>Deletes it; a second press (a colleague's a moment before, or the same page sent twice) is told it is gone already.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, bool confirm, CancellationToken cancellationToken)
    {
        if (!await TryLoadAsync(id, cancellationToken))
        {
            Flash = $"That {Kind} was already deleted; nothing changed.";
            return Redirect("/newsroom/sections");
        }

        if (!confirm)
        {
            FillForm();
            ModelState.AddModelError("confirm", $"Tick the box to confirm that the {Kind} should go.");
            return Page();
        }

        Flash = await DeleteAsync(id, cancellationToken) ? Deleted(Item, ArticleCount) : $"The {Kind} {Item.Name} was already deleted; nothing changed.";
        return Redirect("/newsroom/sections");
    }

    /// <summary>The form again with what was typed, saying a colleague deleted the section or tag meanwhile.</summary>
    private IActionResult Gone(int id)
    {
        IsGone = true;
        Item = new TaxonomyItem(id, Form.Name ?? "", Form.Slug ?? "", Form.Description ?? "");
        ModelState.AddModelError("", $"Someone deleted this {Kind} while you were editing it, so nothing was saved. What you typed is below.");
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private void FillForm() => Form = new TaxonomyForm { Name = Item.Name, Slug = Item.Slug, Description = Item.Description };

    /// <returns>False when there is no such section or tag (any more).</returns>
    private async Task<bool> TryLoadAsync(int id, CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanManageTaxonomy(Actor), $"manage {Kind}s");
        if (await FindAsync(id, cancellationToken) is not { } item)
        {
            return false;
        }

        Item = item;
        ArticleCount = await CountArticlesAsync(id, cancellationToken);
        return true;
    }
}
