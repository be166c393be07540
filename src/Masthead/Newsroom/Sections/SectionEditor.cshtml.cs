using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Sections;

/// <summary>Renames a section or deletes it; its articles stay either way.</summary>
public sealed class SectionEditorPage(SectionService sections) : NewsroomPage
{
    public SectionView Section { get; private set; } = null!;
    public int ArticleCount { get; private set; }

    [BindProperty]
    public TaxonomyForm Form { get; set; } = new();

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        Form = new TaxonomyForm { Name = Section.Name, Slug = Section.Slug, Description = Section.Description };
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        try
        {
            await sections.UpdateAsync(Actor, id, Form.Name ?? "", Form.Slug, Form.Description ?? "", cancellationToken);
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems, "Form.");
            return Page();
        }

        Flash = $"The section {Form.Name!.Trim()} is saved.";
        return Redirect("/newsroom/sections");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, bool confirm, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        if (!confirm)
        {
            Form = new TaxonomyForm { Name = Section.Name, Slug = Section.Slug, Description = Section.Description };
            ModelState.AddModelError("confirm", "Tick the box to confirm that the section should go.");
            return Page();
        }

        await sections.DeleteAsync(Actor, id, cancellationToken);
        Flash = $"The section {Section.Name} is deleted; its {ArticleCount} article(s) have no section now.";
        return Redirect("/newsroom/sections");
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanManageTaxonomy(Actor), "manage sections");
        Section = await sections.GetAsync(id, cancellationToken) ?? throw new KeyNotFoundException($"There is no section {id}.");
        ArticleCount = await sections.CountArticlesAsync(id, cancellationToken);
    }
}
