namespace Masthead.Site;

/// <summary>What a page puts in its head: title, description, canonical link, social cards and structured data.</summary>
public sealed class PageMeta
{
    /// <summary>The whole &lt;title&gt;, e.g. "Headline - Publication".</summary>
    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>The title on social cards (OpenGraph and Twitter); the whole &lt;title&gt; when null.</summary>
    public string? SocialTitle { get; set; }

    /// <summary>The description on social cards; <see cref="Description"/> when null.</summary>
    public string? SocialDescription { get; set; }

    /// <summary>Absolute canonical URL; null for pages that should not be indexed.</summary>
    public string? CanonicalUrl { get; set; }

    public string OpenGraphType { get; set; } = "website";
    public string? ImageUrl { get; set; }
    public string? ImageAlt { get; set; }

    /// <summary>The social image's size, when known (a media-library image's 1200-wide preview).</summary>
    public int? ImageWidth { get; set; }
    public int? ImageHeight { get; set; }

    /// <summary>A photograph worth a large social card; a logo or portrait gets the small one.</summary>
    public bool ImageIsLarge { get; set; }
    public string? JsonLd { get; set; }
    public string? PreviousUrl { get; set; }
    public string? NextUrl { get; set; }
    public bool NoIndex { get; set; }

    /// <summary>Feeds a feed reader finds from this page (autodiscovery), besides the site-wide ones.</summary>
    public List<(string Title, string Href, string Type)> Feeds { get; } = [];

    /// <summary>Stylesheets only this kind of page needs (such as a developing story's), after site.css.</summary>
    public List<string> Stylesheets { get; } = [];

    /// <summary>Extra meta properties for articles (article:published_time and so on).</summary>
    public List<KeyValuePair<string, string>> ArticleProperties { get; } = [];
}
