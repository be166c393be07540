using Masthead.Core.Newsletters;

namespace Masthead.Site.Newsletter;

/// <summary>
/// The sign-up form as one page shows it: in the footer and after an article it is compact and takes the default
/// newsletters; on /newsletter it offers each one.
/// </summary>
public sealed record SignupFormView(string Id, string Source, string Heading, string Lede, bool Compact)
{
    public IReadOnlyList<NewsletterChoice> Choices { get; init; } = [];
    public string? Email { get; init; }
    public string? Name { get; init; }
    public string? EmailError { get; init; }
    public string? ChoicesError { get; init; }

    public static SignupFormView Footer(string path, string publicationName) =>
        new("footer-signup", path, "Get our newsletter", $"The day's stories from {publicationName}, and an email when news breaks.", Compact: true);

    public static SignupFormView AfterArticle(string path) =>
        new("article-signup", path, "Know when this story moves", "Get breaking-news alerts and the daily briefing by email.", Compact: true);
}
