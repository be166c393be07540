namespace Masthead.Core.Pages;

/// <summary>A page outside the news flow, such as About us or the ethics policy, at /{slug}.</summary>
public sealed class StaticPage
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 100_000;

    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string BodyMarkdown { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public string BodyText { get; set; } = "";
    public StaticPageRole Role { get; set; }
    public int Position { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>What a page stands for in the publication's structured data.</summary>
public enum StaticPageRole
{
    None,
    About,
    EthicsPolicy,
    CorrectionsPolicy,
    PublishingPrinciples,
}
