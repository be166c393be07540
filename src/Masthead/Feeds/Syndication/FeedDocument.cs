using System.Globalization;
using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Masthead.Core.Articles;
using Masthead.Core.Publication;

namespace Masthead.Feeds.Syndication;

/// <summary>Which articles a feed lists, under what title, and the cache tag a change to them evicts.</summary>
internal sealed record FeedSource(string Title, string Description, string HtmlPath, ArticleFilter Filter, string CacheTag);

/// <summary>A lead image as a feed carries it: absolute address, size in bytes and type, when known (media-library images).</summary>
internal sealed record FeedImage(string Url, long? Length, string? Type);

/// <summary>An article in a feed: the list projection plus its UUID, tags and, when feeds carry it, its full text.</summary>
internal sealed record FeedItem(ArticleSummary Summary, ArticleContent Content, FeedImage? Image = null)
{
    public string BodyHtml => Content.BodyHtml;
    public IReadOnlyList<TagRef> Tags => Content.Tags;

    /// <summary>The entry's id: it never changes, even when the slug and so the link do.</summary>
    public string Guid => $"urn:uuid:{Content.Uuid:D}";
}

/// <summary>One feed's content with absolute URLs, written in any of the three formats.</summary>
internal sealed class FeedDocument(PublicationInfo info, FeedSource source, IReadOnlyList<FeedItem> items, string baseUrl, string selfPath)
{
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

    private string Absolute(string pathOrUrl) =>
        Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? pathOrUrl
            : baseUrl + (pathOrUrl.StartsWith('/') ? pathOrUrl : "/" + pathOrUrl);

    private DateTime Updated => items.Count == 0
        ? Utc(info.LastModifiedAt)
        : items.Max(i => Utc(i.Summary.UpdatedAt ?? i.Summary.PublishedAt));

    private static IEnumerable<string> Categories(FeedItem item) =>
        (item.Summary.Section is { } section ? [section.Name] : Array.Empty<string>()).Concat(item.Tags.Select(t => t.Name));

    public SyndicationFeed ToSyndication(bool rss)
    {
        var home = new Uri(Absolute(source.HtmlPath));
        var feed = new SyndicationFeed(source.Title, Description(source.Description, rss), home, Absolute(selfPath), new DateTimeOffset(Updated))
        {
            Language = string.IsNullOrEmpty(info.Language) ? null : info.Language,
            Items = items.Select(item => Item(item, rss)).ToList(),
        };
        feed.Links.Add(new SyndicationLink(new Uri(Absolute(selfPath)), "self", null, rss ? "application/rss+xml" : "application/atom+xml", 0));
        if (rss)
        {
            feed.AttributeExtensions.Add(new XmlQualifiedName("content", "http://www.w3.org/2000/xmlns/"), ContentNamespace);
            feed.AttributeExtensions.Add(new XmlQualifiedName("dc", "http://www.w3.org/2000/xmlns/"), DublinCoreNamespace);
        }

        return feed;
    }

    private SyndicationItem Item(FeedItem feedItem, bool rss)
    {
        var article = feedItem.Summary;
        var link = new Uri(Absolute(article.Path));
        var item = new SyndicationItem
        {
            Id = feedItem.Guid,
            Title = new TextSyndicationContent(article.Headline),
            PublishDate = new DateTimeOffset(Utc(article.PublishedAt)),
            LastUpdatedTime = new DateTimeOffset(Utc(article.UpdatedAt ?? article.PublishedAt)),
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(link, "text/html"));
        if (!string.IsNullOrWhiteSpace(article.Standfirst))
        {
            item.Summary = new TextSyndicationContent(Description(article.Standfirst, rss));
        }

        foreach (var category in Categories(feedItem))
        {
            item.Categories.Add(new SyndicationCategory(category));
        }

        if (Image(feedItem) is { } image)
        {
            var length = image.Length ?? 0;
            var type = image.Type ?? ImageType(image.Url);
            if (rss)
            {
                // The formatter leaves out length="0", which RSS requires; write the element ourselves.
                var enclosure = new XElement("enclosure",
                    new XAttribute("url", image.Url), new XAttribute("length", length.ToString(CultureInfo.InvariantCulture)), new XAttribute("type", type));
                item.ElementExtensions.Add(new SyndicationElementExtension(enclosure.CreateReader()));
            }
            else
            {
                item.Links.Add(SyndicationLink.CreateMediaEnclosureLink(new Uri(image.Url), type, length));
            }
        }

        if (rss)
        {
            // RSS's own <author> must be an e-mail address; names go in dc:creator, the full text in content:encoded.
            foreach (var author in article.Authors)
            {
                item.ElementExtensions.Add("creator", DublinCoreNamespace, author.Name);
            }

            if (!string.IsNullOrEmpty(feedItem.BodyHtml))
            {
                item.ElementExtensions.Add("encoded", ContentNamespace, feedItem.BodyHtml);
            }
        }
        else
        {
            foreach (var author in article.Authors)
            {
                item.Authors.Add(new SyndicationPerson { Name = author.Name, Uri = Absolute($"/author/{author.Slug}") });
            }

            if (!string.IsNullOrEmpty(feedItem.BodyHtml))
            {
                item.Content = new TextSyndicationContent(feedItem.BodyHtml, TextSyndicationContentKind.Html);
            }
        }

        return item;
    }

    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("version", "https://jsonfeed.org/version/1.1");
        json.WriteString("title", source.Title);
        json.WriteString("home_page_url", Absolute(source.HtmlPath));
        json.WriteString("feed_url", Absolute(selfPath));
        json.WriteString("description", source.Description);
        if (!string.IsNullOrEmpty(info.Language))
        {
            json.WriteString("language", info.Language);
        }

        if (!string.IsNullOrEmpty(info.LogoUrl))
        {
            json.WriteString("icon", Absolute(info.LogoUrl));
        }

        json.WriteStartArray("items");
        foreach (var item in items)
        {
            var article = item.Summary;
            var link = Absolute(article.Path);
            json.WriteStartObject();
            json.WriteString("id", item.Guid);
            json.WriteString("url", link);
            json.WriteString("title", article.Headline);
            if (!string.IsNullOrEmpty(item.BodyHtml))
            {
                json.WriteString("content_html", item.BodyHtml);
            }
            else
            {
                json.WriteString("content_text", article.Standfirst);
            }

            if (!string.IsNullOrWhiteSpace(article.Standfirst))
            {
                json.WriteString("summary", article.Standfirst);
            }

            if (Image(item) is { } image)
            {
                json.WriteString("image", image.Url);
            }

            json.WriteString("date_published", Rfc3339(article.PublishedAt));
            json.WriteString("date_modified", Rfc3339(article.UpdatedAt ?? article.PublishedAt));
            json.WriteStartArray("authors");
            foreach (var author in article.Authors)
            {
                json.WriteStartObject();
                json.WriteString("name", author.Name);
                json.WriteString("url", Absolute($"/author/{author.Slug}"));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("tags");
            foreach (var category in Categories(item))
            {
                json.WriteStringValue(category);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The item's lead image as resolved for feeds, or its address as typed.</summary>
    private FeedImage? Image(FeedItem item) =>
        item.Image ?? (item.Summary.LeadImage is { } lead ? new FeedImage(Absolute(lead.Url), null, null) : null);

    /// <summary>
    /// RSS readers take a description as HTML, so text written as "&lt;img onerror=...&gt;" must reach them encoded, or
    /// they run it. Atom says its summary is text (type="text"), and JSON Feed's summary is text, so those stay as written.
    /// </summary>
    private static string Description(string text, bool rss) => rss ? WebUtility.HtmlEncode(text) : text;

    private static string ImageType(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : url.Split('?', '#')[0];
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" => "image/jpeg",
            ".png" => "image/png",
            ".gif" => "image/gif",
            ".webp" => "image/webp",
            ".avif" => "image/avif",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static string Rfc3339(DateTime utc) => Utc(utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
