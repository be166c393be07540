using Masthead.Core.People;

namespace Masthead.Core.Articles;

/// <summary>A byline: one staff member on one article, in byline order.</summary>
public sealed class ArticleAuthor
{
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public int StaffMemberId { get; set; }
    public StaffMember? StaffMember { get; set; }
    public int Position { get; set; }
}
