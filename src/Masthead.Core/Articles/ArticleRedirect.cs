namespace Masthead.Core.Articles;

/// <summary>A URL an article used to answer at; it answers 301 to the article's current URL.</summary>
public sealed class ArticleRedirect
{
    public int Id { get; set; }
    public required string Path { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
}
