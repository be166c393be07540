using Masthead.Core.Publishing;
using Masthead.Core.Revisions;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Articles;

/// <summary>Checks what a person wrote into an article and copies it onto the entity; every problem is reported at once.</summary>
internal static class ArticleInputRules
{
    /// <param name="note">The revision note saved with the change, checked with the rest.</param>
    public static async Task ApplyAsync(MastheadDb db, MarkdownRenderer markdown, Article article, ArticleInput input, string? note, DateTime now,
        CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string>();
        var headline = (input.Headline ?? "").Trim();
        if (headline.Length == 0)
        {
            problems[nameof(input.Headline)] = "The headline is empty.";
        }
        else if (headline.Length > Article.MaxHeadlineLength)
        {
            problems[nameof(input.Headline)] = $"The headline is longer than {Article.MaxHeadlineLength} characters.";
        }

        if (input.Standfirst.Trim().Length > Article.MaxStandfirstLength)
        {
            problems[nameof(input.Standfirst)] = $"The standfirst is longer than {Article.MaxStandfirstLength:N0} characters.";
        }

        RenderedMarkdown? rendered = null;
        try
        {
            rendered = markdown.Render(input.BodyMarkdown, Article.MaxBodyLength, nameof(input.BodyMarkdown));
        }
        catch (ValidationException refused)
        {
            problems[nameof(input.BodyMarkdown)] = refused.Problems[nameof(input.BodyMarkdown)];
        }

        var slug = string.IsNullOrWhiteSpace(input.Slug) ? Slugs.Slugify(headline) : input.Slug.Trim();
        if (SlugFollowingHeadline(article, slug, headline) is { } following
            && !await db.Articles.AnyAsync(a => a.Slug == following && a.Id != article.Id, cancellationToken))
        {
            slug = following;
        }

        if (!Slugs.IsValid(slug))
        {
            problems[nameof(input.Slug)] = "A slug is made of lowercase letters, digits and single hyphens, at most 80 characters.";
        }
        else if (await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != article.Id, cancellationToken))
        {
            problems[nameof(input.Slug)] = $"Another article already uses the slug '{slug}'.";
        }

        if (input.AuthorIds.Count > Article.MaxBylines)
        {
            problems[nameof(input.AuthorIds)] = $"An article can have at most {Article.MaxBylines} bylines.";
        }
        else if (input.AuthorIds.Distinct().Count() != input.AuthorIds.Count)
        {
            problems[nameof(input.AuthorIds)] = "A person is named twice in the byline.";
        }
        else if (await db.Staff.CountAsync(s => input.AuthorIds.Contains(s.Id), cancellationToken) != input.AuthorIds.Count)
        {
            problems[nameof(input.AuthorIds)] = "A bylined person does not exist.";
        }
        else if (input.AuthorIds.Count == 0 && article.Status is ArticleStatus.Scheduled or ArticleStatus.Published)
        {
            problems[nameof(input.AuthorIds)] = $"An article that is {StatusText.Of(article.Status)} needs at least one byline.";
        }

        if (input.SectionId is { } sectionId && !await db.Sections.AnyAsync(s => s.Id == sectionId, cancellationToken))
        {
            problems[nameof(input.SectionId)] = "The section does not exist.";
        }

        var tagIds = input.TagIds.Distinct().ToList();
        if (tagIds.Count > Article.MaxTags)
        {
            problems[nameof(input.TagIds)] = $"An article can carry at most {Article.MaxTags} tags.";
        }
        else if (await db.Tags.CountAsync(t => tagIds.Contains(t.Id), cancellationToken) != tagIds.Count)
        {
            problems[nameof(input.TagIds)] = "A tag does not exist.";
        }

        if (input.LeadImage is { } image)
        {
            LeadImageRules.Check(image, problems);
            if (string.IsNullOrWhiteSpace(image.Alt) && await HasLibraryAltAsync(db, image.Url.Trim(), cancellationToken))
            {
                problems.Remove("LeadImageAlt"); // a media-library image brings its own alt text
            }
        }

        if (note?.Trim().Length > ArticleRevision.MaxNoteLength)
        {
            problems["Note"] = $"Keep the revision note to {ArticleRevision.MaxNoteLength} characters; it has {note.Trim().Length:N0}.";
        }

        var overrides = input.SearchAndSocial is { } given ? Tidy(given) : null;
        if (overrides is not null)
        {
            CheckOverrides(overrides, problems);
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }

        article.Headline = headline;
        article.Slug = slug;
        article.Standfirst = input.Standfirst.Trim();
        article.BodyMarkdown = input.BodyMarkdown;
        article.BodyHtml = rendered!.Html;
        article.BodyText = rendered.PlainText;
        article.WordCount = rendered.WordCount;
        article.SectionId = input.SectionId;
        article.LeadImage = input.LeadImage is { } lead
            ? new LeadImage { Url = lead.Url.Trim(), Alt = lead.Alt.Trim(), Caption = lead.Caption?.Trim(), Credit = lead.Credit?.Trim() }
            : null;
        if (overrides is not null)
        {
            article.SearchAndSocial = new SearchAndSocial
            {
                SearchTitle = overrides.SearchTitle,
                SearchDescription = overrides.SearchDescription,
                SocialTitle = overrides.SocialTitle,
                SocialDescription = overrides.SocialDescription,
                SocialImageUrl = overrides.SocialImageUrl,
                CanonicalUrl = overrides.CanonicalUrl,
                HideFromSearchEngines = overrides.HideFromSearchEngines,
            };
        }

        SetBylines(article, input.AuthorIds);
        article.Tags.RemoveAll(t => !tagIds.Contains(t.TagId));
        article.Tags.AddRange(tagIds.Except(article.Tags.Select(t => t.TagId)).Select(id => new ArticleTag { TagId = id }));
        article.LastModifiedAt = now;
    }

    /// <summary>
    /// The slug a new headline makes, when the article has never been published and its saved slug is still the
    /// one its saved headline made: an early save then does not fix the address. Once published, the slug stays.
    /// </summary>
    private static string? SlugFollowingHeadline(Article article, string slug, string headline)
    {
        if (article.Id == 0 || article.PublishedAt is not null || headline == article.Headline
            || slug != article.Slug || article.Slug != Slugs.Slugify(article.Headline))
        {
            return null;
        }

        var following = Slugs.Slugify(headline);
        return Slugs.IsValid(following) ? following : null;
    }

    /// <summary>A media-library image brings its own alt text, which the article may leave as it is.</summary>
    private static async Task<bool> HasLibraryAltAsync(MastheadDb db, string url, CancellationToken cancellationToken) =>
        Media.MediaAddresses.TryGetKey(url, out var key)
        && await db.MediaItems.AnyAsync(m => m.Key == key && m.Alt != "", cancellationToken);

    /// <summary>Blank fields are no override; text is trimmed and kept on one line, as titles and descriptions are shown.</summary>
    private static SearchAndSocialView Tidy(SearchAndSocialView given)
    {
        static string? Line(string? text) => string.IsNullOrWhiteSpace(text) ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return new SearchAndSocialView(Line(given.SearchTitle), Line(given.SearchDescription), Line(given.SocialTitle), Line(given.SocialDescription),
            Line(given.SocialImageUrl), Line(given.CanonicalUrl), given.HideFromSearchEngines);
    }

    private static void CheckOverrides(SearchAndSocialView overrides, Dictionary<string, string> problems)
    {
        void Limit(string? text, int max, string field, string what)
        {
            if (text is { } value && value.Length > max)
            {
                problems[field] = $"The {what} is {value.Length} characters long; the limit is {max}.";
            }
        }

        Limit(overrides.SearchTitle, SearchAndSocial.MaxSearchTitle, nameof(overrides.SearchTitle), "search title");
        Limit(overrides.SearchDescription, SearchAndSocial.MaxDescription, nameof(overrides.SearchDescription), "search description");
        Limit(overrides.SocialTitle, SearchAndSocial.MaxSocialTitle, nameof(overrides.SocialTitle), "social title");
        Limit(overrides.SocialDescription, SearchAndSocial.MaxDescription, nameof(overrides.SocialDescription), "social description");
        if (overrides.SocialImageUrl is { } image && (image.Length > SearchAndSocial.MaxUrl || !IsImageUrl(image)))
        {
            problems[nameof(overrides.SocialImageUrl)] = "The social image address must start with https://, http:// or /.";
        }

        if (overrides.CanonicalUrl is { } canonical
            && (canonical.Length > SearchAndSocial.MaxUrl || !Uri.TryCreate(canonical, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            problems[nameof(overrides.CanonicalUrl)] = "The canonical address is the original's full address, starting with https:// or http://.";
        }
    }

    private static bool IsImageUrl(string url) =>
        (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");

    private static void SetBylines(Article article, IReadOnlyList<int> authorIds)
    {
        article.Authors.RemoveAll(b => !authorIds.Contains(b.StaffMemberId));
        for (var position = 0; position < authorIds.Count; position++)
        {
            var byline = article.Authors.Find(b => b.StaffMemberId == authorIds[position]);
            if (byline is null)
            {
                article.Authors.Add(new ArticleAuthor { StaffMemberId = authorIds[position], Position = position });
            }
            else
            {
                byline.Position = position;
            }
        }
    }
}
