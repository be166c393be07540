using System.Text.RegularExpressions;

namespace Masthead.Core.Text.Blocks;

/// <summary>The <c>::: name</c> and <c>:::</c> lines of blocks, for text made from Markdown without rendering it.</summary>
public static partial class BlockFences
{
    /// <summary>The text without its block fences; a fence's title (<c>::: note What we know</c>) stays as a line.</summary>
    public static string Remove(string markdown) =>
        !markdown.Contains(":::", StringComparison.Ordinal) ? markdown : Fence().Replace(markdown, m => m.Groups["title"].Value);

    [GeneratedRegex(@"^[ \t]*:::[ \t]*(?:[A-Za-z]+[ \t]*)?(?<title>[^\r\n]*?)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex Fence();
}
