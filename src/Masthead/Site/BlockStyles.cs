namespace Masthead.Site;

/// <summary>
/// The stylesheet of the blocks (embeds, pull quotes, callouts, galleries, cards), which only a page whose body has
/// one loads, so an ordinary article stays light.
/// </summary>
public static class BlockStyles
{
    public const string Stylesheet = "/css/blocks.css";

    private static readonly string[] Markers =
        ["class=\"embed ", "class=\"pull-quote\"", "class=\"callout ", "class=\"gallery ", "class=\"article-card\"", "class=\"document-card\"", "class=\"html-block\""];

    public static bool Needed(string bodyHtml) => Markers.Any(marker => bodyHtml.Contains(marker, StringComparison.Ordinal));

    /// <summary>Adds the stylesheet to the page when <paramref name="bodyHtml"/> has a block, or <paramref name="always"/>.</summary>
    public static void AddWhenNeeded(SitePage page, string bodyHtml, bool always = false)
    {
        if ((always || Needed(bodyHtml)) && !page.Meta.Stylesheets.Contains(Stylesheet))
        {
            page.Meta.Stylesheets.Add(Stylesheet);
        }
    }
}
