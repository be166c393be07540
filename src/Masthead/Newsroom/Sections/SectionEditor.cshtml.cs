using Masthead.Core.Sections;

namespace Masthead.Newsroom.Sections;

/// <summary>Renames a section or deletes it; its articles stay either way.</summary>
public sealed class SectionEditorPage(SectionService sections) : TaxonomyEditorPage
{
    public override string Kind => "section";
    public override string DeleteConsequence => $"{ArticleCount} article(s) are filed in it. They stay, published or not, without a section.";

    protected override async Task<TaxonomyItem?> FindAsync(int id, CancellationToken cancellationToken) =>
        await sections.GetAsync(id, cancellationToken) is { } s ? new TaxonomyItem(s.Id, s.Name, s.Slug, s.Description) : null;

    protected override Task<int> CountArticlesAsync(int id, CancellationToken cancellationToken) => sections.CountArticlesAsync(id, cancellationToken);

    protected override Task UpdateAsync(int id, TaxonomyForm form, CancellationToken cancellationToken) =>
        sections.UpdateAsync(Actor, id, form.Name ?? "", form.Slug, form.Description ?? "", cancellationToken);

    protected override Task<bool> DeleteAsync(int id, CancellationToken cancellationToken) => sections.DeleteAsync(Actor, id, cancellationToken);

    protected override string Deleted(TaxonomyItem item, int articleCount) =>
        $"The section {item.Name} is deleted; its {articleCount} article(s) have no section now.";
}
