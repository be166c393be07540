using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Masthead.Core.Tags;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Sections;

/// <summary>Editors' overview of sections and tags, with forms to create both.</summary>
public sealed class TaxonomyPage(SectionService sections, TagService tags) : NewsroomPage
{
    public IReadOnlyList<SectionView> Sections { get; private set; } = [];
    public IReadOnlyList<TagView> Tags { get; private set; } = [];

    [BindProperty]
    public TaxonomyForm NewSection { get; set; } = new();

    [BindProperty]
    public TaxonomyForm NewTag { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanManageTaxonomy(Actor), "manage sections and tags");
        await LoadAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostSectionAsync(CancellationToken cancellationToken) =>
        CreateAsync("NewSection.", async () =>
        {
            await sections.CreateAsync(Actor, NewSection.Name ?? "", NewSection.Description ?? "", NullIfEmpty(NewSection.Slug), cancellationToken);
            Flash = $"The section {NewSection.Name!.Trim()} is created.";
        }, cancellationToken);

    public Task<IActionResult> OnPostTagAsync(CancellationToken cancellationToken) =>
        CreateAsync("NewTag.", async () =>
        {
            await tags.CreateAsync(Actor, NewTag.Name ?? "", NullIfEmpty(NewTag.Slug), NewTag.Description ?? "", cancellationToken);
            Flash = $"The tag {NewTag.Name!.Trim()} is created.";
        }, cancellationToken);

    private async Task<IActionResult> CreateAsync(string prefix, Func<Task> create, CancellationToken cancellationToken)
    {
        Permissions.Demand(Permissions.CanManageTaxonomy(Actor), "manage sections and tags");
        try
        {
            await create();
            return Redirect("/newsroom/sections");
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems, prefix);
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Sections = await sections.ListAsync(cancellationToken);
        Tags = await tags.ListAsync(cancellationToken);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>Name, slug and description, as sections and tags both have them.</summary>
public sealed class TaxonomyForm
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Description { get; set; }
}
