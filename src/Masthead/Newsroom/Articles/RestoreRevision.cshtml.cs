using Masthead.Core.Articles;
using Masthead.Core.Publishing;
using Masthead.Core.Revisions;

namespace Masthead.Newsroom.Articles;

/// <summary>
/// Asks before a revision of a published article is restored, since it goes live at once: what it brings back, the
/// address it keeps (the current one, unless the person chooses the revision's), and the corrections published after
/// the revision was saved, whose fixes it may undo.
/// </summary>
public sealed class RestoreRevisionPage(RevisionService revisions, ArticleEditorQueries articles) : NewsroomPage
{
    public ArticleDraft Article { get; private set; } = null!;
    public RestorePreview Preview { get; private set; } = null!;

    public static string PathFor(int articleId, int number) => $"/newsroom/articles/{articleId}/revisions/{number}/restore";

    public async Task OnGetAsync(int id, int number, CancellationToken cancellationToken)
    {
        Article = await articles.GetAsync(id, cancellationToken);
        Permissions.Demand(Permissions.CanEdit(Actor, Article.Access), "edit this article");
        Preview = await revisions.PreviewRestoreAsync(id, number, cancellationToken);
    }
}
