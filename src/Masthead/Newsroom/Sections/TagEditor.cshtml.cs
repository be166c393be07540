using Masthead.Core.Tags;

namespace Masthead.Newsroom.Sections;

/// <summary>Renames a tag or deletes it, which takes it off its articles.</summary>
public sealed class TagEditorPage(TagService tags) : TaxonomyEditorPage
{
    public override string Kind => "tag";
    public override string DeleteConsequence => $"{ArticleCount} article(s) carry it. They stay; only the tag is taken off them.";

    protected override async Task<TaxonomyItem?> FindAsync(int id, CancellationToken cancellationToken) =>
        await tags.GetAsync(id, cancellationToken) is { } t ? new TaxonomyItem(t.Id, t.Name, t.Slug, t.Description) : null;

    protected override Task<int> CountArticlesAsync(int id, CancellationToken cancellationToken) => tags.CountArticlesAsync(id, cancellationToken);

    protected override Task UpdateAsync(int id, TaxonomyForm form, CancellationToken cancellationToken) =>
        tags.UpdateAsync(Actor, id, form.Name ?? "", form.Slug, form.Description ?? "", cancellationToken);

    protected override Task<bool> DeleteAsync(int id, CancellationToken cancellationToken) => tags.DeleteAsync(Actor, id, cancellationToken);

    protected override string Deleted(TaxonomyItem item, int articleCount) =>
        $"The tag {item.Name} is deleted and taken off {articleCount} article(s).";
}
