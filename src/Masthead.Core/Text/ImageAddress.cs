namespace Masthead.Core.Text;

/// <summary>
/// Where an image may come from: an http or https address, or a path on this site. Anything else, such as
/// javascript: or data:text/html, is refused, and so is a path a browser would read as another host (//host or /\host).
/// </summary>
public static class ImageAddress
{
    public const int MaxLength = 2000;

    public static bool IsValid(string address) =>
        address.Length <= MaxLength
        && ((address.StartsWith('/') && !address.StartsWith("//", StringComparison.Ordinal) && !address.Contains('\\', StringComparison.Ordinal))
            || (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"));
}
