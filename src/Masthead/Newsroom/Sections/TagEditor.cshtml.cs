using Masthead.Core.Publishing;
using Masthead.Core.Tags;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Sections;

/// <summary>Renames a tag or deletes it, which takes it off its articles.</summary>
public sealed class TagEditorPage(TagService tags) : NewsroomPage
{
    public TagView Tag { get; private set; } = null!;
    public int ArticleCount { get; private set; }

    [BindProperty]
    public TaxonomyForm Form { get; set; } = new();

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        Form = new TaxonomyForm { Name = Tag.Name, Slug = Tag.Slug, Description = Tag.Description };
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        try
        {
            await tags.UpdateAsync(Actor, id, Form.Name ?? "", Form.Slug, Form.Description ?? "", cancellationToken);
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems, "Form.");
            return Page();
        }

        Flash = $"The tag {Form.Name!.Trim()} is saved.";
        return Redirect("/newsroom/sections");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, bool confirm, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        if (!confirm)
        {
            Form = new TaxonomyForm { Name = Tag.Name, Slug = Tag.Slug, Description = Tag.Description };
            ModelState.AddModelError("confirm", "Tick the box to confirm that the tag should go.");
            return Page();
        }

        await tags.DeleteAsync(Actor, id, cancellationToken);
        Flash = $"The tag {Tag.Name} is deleted and taken off {ArticleCount} article(s).";
        return Redirect("/newsroom/sections");
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanManageTaxonomy(Actor), "manage tags");
        Tag = await tags.GetAsync(id, cancellationToken) ?? throw new KeyNotFoundException($"There is no tag {id}.");
        ArticleCount = await tags.CountArticlesAsync(id, cancellationToken);
    }
}
