using Masthead.Core.Search;

namespace Masthead.Core.Tests;

/// <summary>Snippet text is untrusted: only the database's match markers become HTML.</summary>
public sealed class SearchSnippetTests
{
    private const char Start = SearchSnippet.MatchStart;
    private const char End = SearchSnippet.MatchEnd;

    [Fact]
    public void Markers_become_mark_elements_and_the_text_is_encoded()
    {
        var html = SearchSnippet.ToHtml($"…<script>alert('x')</script> & the {Start}budget{End} \"vote\"…");

        Assert.Equal("…&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; the <mark>budget</mark> &quot;vote&quot;…", html);
    }

    [Theory]
    [InlineData("\uE000\uE000a\uE001\uE001", "<mark>a</mark>")]
    [InlineData("\uE001a\uE000b", "a<mark>b</mark>")]
    [InlineData("a\u0000b\u0007c\td", "abc\td")]
    public void Stray_markers_and_control_characters_never_unbalance_the_html(string marked, string html) =>
        Assert.Equal(html, SearchSnippet.ToHtml(marked));
}
