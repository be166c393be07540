using System.Text.Json.Nodes;
using Masthead.Core.Articles;
using Masthead.Core.Corrections;
using Masthead.Core.Live;
using Masthead.Core.Pages;
using Masthead.Core.People;

namespace Masthead.Site;

/// <summary>schema.org JSON-LD for the page head. The default encoder escapes &lt; and &gt;, so the script element cannot be closed from content.</summary>
public static class StructuredData
{
    /// <summary>NewsArticle, or LiveBlogPosting with its updates when the article is a developing story.</summary>
    public static string NewsArticle(SitePage page, ArticleView article, LiveCoverageView? coverage = null)
    {
        var summary = article.Summary;
        var url = page.Absolute(article.Path);
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["headline"] = summary.Headline,
            ["description"] = summary.Standfirst,
            ["datePublished"] = page.Clock.FormatIso(summary.PublishedAt),
            ["dateModified"] = page.Clock.FormatIso(article.ModifiedAt),
            ["mainEntityOfPage"] = new JsonObject { ["@type"] = "WebPage", ["@id"] = url },
            ["url"] = url,
            ["inLanguage"] = page.Publication.Language,
            ["wordCount"] = article.WordCount,
            ["author"] = new JsonArray([.. summary.Authors.Select(a => (JsonNode)Person(page, a.Name, a.Slug, a.JobTitle))]),
            ["publisher"] = Publisher(page),
        };
        // Search engines want an image on every article: one without a photograph shows the publication's logo. The
        // page's social image is the same one, as the 1200-wide preview when it is a media-library image.
        if ((page.Meta.ImageUrl ?? summary.LeadImage?.Url ?? page.Publication.LogoUrl) is { Length: > 0 } imageUrl)
        {
            json["image"] = new JsonArray(page.Absolute(imageUrl));
        }

        if (summary.Section is { } section)
        {
            json["articleSection"] = section.Name;
        }

        // Clarifications and updates are published amendments too; each says which it is in its name.
        if (article.Notes.Count > 0)
        {
            json["correction"] = new JsonArray([.. article.Notes.Select(note => (JsonNode)new JsonObject
            {
                ["@type"] = "CorrectionComment",
                ["name"] = note.Kind.ToString(),
                ["text"] = note.Text,
                ["datePublished"] = page.Clock.FormatIso(note.PublishedAt),
            })]);
        }

        if (coverage is not null)
        {
            LiveBlog(page, json, coverage, url);
        }

        if (article.Tags.Count > 0)
        {
            json["keywords"] = new JsonArray([.. article.Tags.Select(t => (JsonNode)JsonValue.Create(t.Name))]);
        }

        return json.ToJsonString();
    }

    private static void LiveBlog(SitePage page, JsonObject json, LiveCoverageView coverage, string url)
    {
        json["@type"] = "LiveBlogPosting";
        if (coverage.StartedAt is { } started)
        {
            json["coverageStartTime"] = page.Clock.FormatIso(started);
        }

        if (coverage.EndedAt is { } ended && !coverage.IsLive)
        {
            json["coverageEndTime"] = page.Clock.FormatIso(ended);
        }

        json["liveBlogUpdate"] = new JsonArray([.. coverage.Updates.Select(update =>
        {
            var posting = new JsonObject
            {
                ["@type"] = "BlogPosting",
                ["headline"] = update.Headline(110),
                ["datePublished"] = page.Clock.FormatIso(update.PostedAt),
                ["dateModified"] = page.Clock.FormatIso(update.EditedAt ?? update.PostedAt),
                ["articleBody"] = update.PlainText(),
                ["url"] = $"{url}#update-{update.Id}",
                ["author"] = update.AuthorSlug is { } slug
                    ? new JsonObject { ["@type"] = "Person", ["name"] = update.AuthorName, ["url"] = page.Absolute($"/author/{slug}") }
                    : new JsonObject { ["@type"] = "Person", ["name"] = update.AuthorName },
            };
            return (JsonNode)posting;
        })]);
    }

    public static string Front(SitePage page)
    {
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@graph"] = new JsonArray(
                new JsonObject
                {
                    ["@type"] = "WebSite",
                    ["name"] = page.Publication.Name,
                    ["url"] = page.Absolute("/"),
                    ["inLanguage"] = page.Publication.Language,
                },
                Publisher(page)),
        };
        return json.ToJsonString();
    }

    public static string Profile(SitePage page, StaffProfile person)
    {
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ProfilePage",
            ["mainEntity"] = Person(page, person.Name, person.Slug, person.JobTitle),
        };
        return json.ToJsonString();
    }

    private static JsonObject Person(SitePage page, string name, string slug, string jobTitle) => new()
    {
        ["@type"] = "Person",
        ["name"] = name,
        ["url"] = page.Absolute($"/author/{slug}"),
        ["jobTitle"] = jobTitle,
    };

    private static JsonObject Publisher(SitePage page)
    {
        var publisher = new JsonObject
        {
            ["@type"] = "Organization",
            ["name"] = page.Publication.Name,
            ["url"] = page.Absolute("/"),
        };
        if (page.Publication.LogoUrl is { Length: > 0 } logo)
        {
            publisher["logo"] = new JsonObject { ["@type"] = "ImageObject", ["url"] = page.Absolute(logo) };
        }

        if (page.Publication.ContactEmail is { Length: > 0 } email)
        {
            publisher["email"] = email;
        }

        var pages = page.StaticPages;
        string? UrlOf(StaticPageRole role) => pages.FirstOrDefault(p => p.Role == role) is { } found ? page.Absolute(found.Path) : null;

        // An ethics policy is the publishing principles of a newsroom that has no separate page for them.
        if ((UrlOf(StaticPageRole.PublishingPrinciples) ?? UrlOf(StaticPageRole.EthicsPolicy)) is { } principles)
        {
            publisher["publishingPrinciples"] = principles;
        }

        if (UrlOf(StaticPageRole.EthicsPolicy) is { } ethics)
        {
            publisher["ethicsPolicy"] = ethics;
        }

        if (UrlOf(StaticPageRole.CorrectionsPolicy) is { } corrections)
        {
            publisher["correctionsPolicy"] = corrections;
        }

        return publisher;
    }
}
