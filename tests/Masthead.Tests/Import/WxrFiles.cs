using System.Security;

namespace Masthead.Tests.Import;

/// <summary>Small WordPress exports written for the import tests.</summary>
internal static class WxrFiles
{
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Import", "Fixtures");

    public static string BlockTestData => Path.Combine(Fixtures, "64-block-test-data.xml");

    public const string Header = """
        <?xml version="1.0" encoding="UTF-8" ?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
        <title>The Old Gazette</title>
        <link>https://old.example.org</link>
        <wp:base_site_url>https://old.example.org</wp:base_site_url>
        <wp:base_blog_url>https://old.example.org</wp:base_blog_url>
        <wp:author><wp:author_login><![CDATA[mara]]></wp:author_login><wp:author_display_name><![CDATA[Mara Quill]]></wp:author_display_name></wp:author>
        """;

    public const string Footer = "</channel></rss>";

    public static string Post(int id, string title, string slug, string content, string status = "publish", string date = "2019-05-03 10:00:00",
        string type = "post", string extra = "") => $"""
        <item>
        <title>{SecurityElement.Escape(title)}</title>
        <link>https://old.example.org/2019/05/{slug}/</link>
        <dc:creator><![CDATA[mara]]></dc:creator>
        <content:encoded><![CDATA[{content}]]></content:encoded>
        <excerpt:encoded><![CDATA[A short excerpt.]]></excerpt:encoded>
        <wp:post_id>{id}</wp:post_id>
        <wp:post_date_gmt>{date}</wp:post_date_gmt>
        <wp:post_name>{slug}</wp:post_name>
        <wp:status>{status}</wp:status>
        <wp:post_type>{type}</wp:post_type>
        <category domain="category" nicename="city-hall"><![CDATA[City Hall]]></category>
        <category domain="post_tag" nicename="budget"><![CDATA[Budget]]></category>
        {extra}
        </item>
        """;

    public static string Write(string directory, params string[] items)
    {
        var path = Path.Combine(directory, $"export-{Guid.NewGuid():N}.xml");
        File.WriteAllText(path, Header + string.Concat(items) + Footer);
        return path;
    }
}
