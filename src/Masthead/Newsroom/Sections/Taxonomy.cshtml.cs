using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Masthead.Core.Tags;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Sections;

/// <summary>Editors' overview of sections and tags, each list found and sorted by its own address parameters, with forms to create both.</summary>
public sealed class TaxonomyPage(SectionService sections, TagService tags) : NewsroomPage
{
    public IReadOnlyList<(SectionView Section, int Articles)> Sections { get; private set; } = [];
    public IReadOnlyList<(TagView Tag, int Articles)> Tags { get; private set; } = [];
    public int SectionTotal { get; private set; }
    public int TagTotal { get; private set; }

    /// <summary>Sections whose name or address holds this.</summary>
    [BindProperty(SupportsGet = true, Name = "sq")]
    public string? SectionQuery { get; set; }

    /// <summary>menu (the default), name or articles.</summary>
    [BindProperty(SupportsGet = true, Name = "ss")]
    public string? SectionSort { get; set; }

    [BindProperty(SupportsGet = true, Name = "tq")]
    public string? TagQuery { get; set; }

    /// <summary>name (the default) or articles.</summary>
    [BindProperty(SupportsGet = true, Name = "ts")]
    public string? TagSort { get; set; }

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
        var allSections = await sections.ListWithCountsAsync(cancellationToken);
        SectionTotal = allSections.Count;
        var foundSections = allSections.Where(s => ListTools.Matches(SectionQuery, s.Section.Name, s.Section.Slug));
        Sections = SectionSort switch
        {
            "name" => [.. foundSections.OrderBy(s => s.Section.Name, StringComparer.CurrentCultureIgnoreCase)],
            "articles" => [.. foundSections.OrderByDescending(s => s.Articles).ThenBy(s => s.Section.Name, StringComparer.CurrentCultureIgnoreCase)],
            _ => [.. foundSections],
        };

        var allTags = await tags.ListWithCountsAsync(cancellationToken);
        TagTotal = allTags.Count;
        var foundTags = allTags.Where(t => ListTools.Matches(TagQuery, t.Tag.Name, t.Tag.Slug));
        Tags = TagSort switch
        {
            "articles" => [.. foundTags.OrderByDescending(t => t.Articles).ThenBy(t => t.Tag.Name, StringComparer.CurrentCultureIgnoreCase)],
            _ => [.. foundTags.OrderBy(t => t.Tag.Name, StringComparer.CurrentCultureIgnoreCase)],
        };
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
