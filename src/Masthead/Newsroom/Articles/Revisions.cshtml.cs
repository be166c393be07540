using Masthead.Core.Articles;
using Masthead.Core.Revisions;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Articles;

/// <summary>A word-level comparison of any two revisions of an article.</summary>
public sealed class RevisionsPage(RevisionService revisions) : NewsroomPage
{
    public ArticleDraft Article { get; private set; } = null!;
    public IReadOnlyList<RevisionSummary> All { get; private set; } = [];
    public RevisionSummary From { get; private set; } = null!;
    public RevisionSummary To { get; private set; } = null!;
    public IReadOnlyList<FieldDiff> Changes { get; private set; } = [];
    public bool CanRestore { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? from, int? to, CancellationToken cancellationToken)
    {
        Article = await Service<ArticleEditorQueries>().GetAsync(id, cancellationToken);
        All = await revisions.ListAsync(id, cancellationToken);
        if (All.Count == 0)
        {
            return NotFound();
        }

        To = Find(to) ?? All[0];
        From = Find(from) ?? All.FirstOrDefault(r => r.Number < To.Number) ?? To;
        Changes = await revisions.CompareAsync(id, From.Number, To.Number, cancellationToken);
        CanRestore = new ArticleActions(Actor, Article).Edit;
        return Page();
    }

    private RevisionSummary? Find(int? number) => number is { } n ? All.FirstOrDefault(r => r.Number == n) : null;

    private T Service<T>()
        where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();
}
