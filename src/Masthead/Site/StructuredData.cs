using System.Text.Json.Nodes;
using Masthead.Core.Articles;
using Masthead.Core.Corrections;
using Masthead.Core.Pages;
using Masthead.Core.People;

namespace Masthead.Site;

/// <summary>schema.org JSON-LD for the page head. The default encoder escapes &lt; and &gt;, so the script element cannot be closed from content.</summary>
public static class StructuredData
{
    public static string NewsArticle(SitePage page, ArticleView article)
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
        if (summary.LeadImage is { } image)
        {
            json["image"] = new JsonArray(page.Absolute(image.Url));
        }

        if (summary.Section is { } section)
        {
            json["articleSection"] = section.Name;
        }

        var corrections = article.Notes.Where(n => n.Kind == ArticleNoteKind.Correction).ToList();
        if (corrections.Count > 0)
        {
            json["correction"] = new JsonArray([.. corrections.Select(c => (JsonNode)new JsonObject
            {
                ["@type"] = "CorrectionComment",
                ["text"] = c.Text,
                ["datePublished"] = page.Clock.FormatIso(c.PublishedAt),
            })]);
        }

        if (article.Tags.Count > 0)
        {
            json["keywords"] = new JsonArray([.. article.Tags.Select(t => (JsonNode)JsonValue.Create(t.Name))]);
        }

        return json.ToJsonString();
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
