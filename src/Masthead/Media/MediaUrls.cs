using Masthead.Core.Media;

namespace Masthead.Media;

/// <summary>
/// Where readers fetch media files: /media/{path} through Masthead, or straight from the bucket's public address
/// (or its CDN) when Masthead__Media__PublicBaseUrl is set. An item's own address always goes through Masthead,
/// which knows which file is current.
/// </summary>
public sealed class MediaUrls(MediaOptions options)
{
    private readonly string? _publicBase = string.IsNullOrWhiteSpace(options.PublicBaseUrl) ? null : options.PublicBaseUrl.TrimEnd('/');

    public string File(MediaFile file) => File(file.Path);

    public string File(string storePath) => _publicBase is null ? MediaAddresses.FilePath(storePath) : $"{_publicBase}/{storePath}";
}
