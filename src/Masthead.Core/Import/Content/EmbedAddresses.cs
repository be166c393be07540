using Masthead.Core.Text.Blocks;

namespace Masthead.Core.Import.Content;

/// <summary>The page address an embed is written as in Masthead (alone on its line), from a player's frame address.</summary>
internal static class EmbedAddresses
{
    public static string? FromFrame(string src) =>
        EmbedProviders.Recognise(src.StartsWith("//", StringComparison.Ordinal) ? "https:" + src : src, []) is { } embed ? embed.Link : null;

    /// <summary>Whether Masthead shows <paramref name="address"/> alone on its line as an embed.</summary>
    public static bool IsEmbed(string address) => EmbedProviders.Recognise(address, []) is not null;
}
