using System.Xml.Linq;

namespace Masthead.Tests.Feeds;

/// <summary>
/// The schema check the sitemap tests rely on refuses what it should, so a sitemap that passes it is valid. It reads
/// no server or database, so the PostgreSQL suite leaves it out.
/// </summary>
public sealed class SitemapSchemaTests
{
    [Theory]
    [InlineData("""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/relative</loc><lastmod>yesterday</lastmod></url></urlset>""")]
    [InlineData("""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><lastmod>2026-11-25</lastmod></sitemap></sitemapindex>""")]
    [InlineData("""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/sitemaps/tags.xml</loc></sitemap></sitemapindex>""")]
    [InlineData("""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">""" +
        """<url><loc>https://example.org/a</loc><news:news><news:publication><news:name>P</news:name><news:language>en-US</news:language></news:publication>""" +
        """<news:publication_date>2026-11-25</news:publication_date><news:title>T</news:title></news:news></url></urlset>""")]
    [InlineData("""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">""" +
        """<url><loc>https://example.org/a</loc><news:news><news:publication><news:name>P</news:name><news:language>en</news:language></news:publication>""" +
        """<news:publication_date>2026-11-25</news:publication_date></news:news></url></urlset>""")]
    public void The_schema_check_catches_an_invalid_sitemap_index_or_news_entry(string xml)
    {
        Assert.NotEmpty(SitemapSchema.Validate(XDocument.Parse(xml)));
    }
}
