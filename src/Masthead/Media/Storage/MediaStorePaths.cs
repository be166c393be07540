namespace Masthead.Media.Storage;

/// <summary>What a media store path may be: relative parts separated by /, none empty, "." or "..", no control characters.</summary>
public static class MediaStorePaths
{
    public static bool IsSafe(string? path) =>
        !string.IsNullOrEmpty(path) && path.Length <= 1024 && !path.Contains('\\', StringComparison.Ordinal)
        && path.Split('/').All(part => part.Length > 0 && part is not "." and not ".." && !part.Any(char.IsControl));
}
