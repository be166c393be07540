namespace Masthead.Core.Articles;

/// <summary>
/// What the editor's form held when a workflow button was pressed: saved together with the step, in its transaction,
/// so the step never acts on another version than the one the person had on screen.
/// </summary>
/// <param name="ExpectedVersion">The version the form was opened at; over any other the step is refused as stale.</param>
/// <param name="Note">The revision note, kept when the form changed something.</param>
public sealed record ArticleEdit(ArticleInput Input, int ExpectedVersion, string? Note = null);

/// <summary>The revision a step's form made, and its note.</summary>
public sealed record SavedInStep(int Revision, string? Note)
{
    /// <summary>How the step's audit entry names the save: "revision 4" or "revision 4: note".</summary>
    public string Describe() => Note is null ? $"saved as revision {Revision}" : $"saved as revision {Revision}: {Note}";
}

/// <summary>
/// Everything a person can change in an article, to tell whether a form changed anything; <see cref="Path"/> is where
/// readers find it, for the redirect when a save moves it.
/// </summary>
internal sealed record EditableContent(
    string Headline,
    string Slug,
    string Standfirst,
    string BodyMarkdown,
    int? SectionId,
    string TagIds,
    string AuthorIds,
    LeadImageView? LeadImage,
    SearchAndSocialView SearchAndSocial,
    string? Path)
{
    public static EditableContent Of(Article article) => new(
        article.Headline,
        article.Slug,
        article.Standfirst,
        article.BodyMarkdown,
        article.SectionId,
        string.Join(',', article.Tags.Select(t => t.TagId).Order()),
        string.Join(',', article.Authors.OrderBy(a => a.Position).Select(a => a.StaffMemberId)),
        article.LeadImage is { } image ? new LeadImageView(image.Url, image.Alt, image.Caption, image.Credit) : null,
        article.SearchAndSocial.ToView(),
        ArticleService.CurrentPath(article));
}
