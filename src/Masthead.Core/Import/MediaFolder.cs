using System.Text.RegularExpressions;

namespace Masthead.Core.Import;

/// <summary>
/// A copy of the old site's uploads (WordPress's <c>wp-content/uploads</c>, Ghost's <c>content/images</c>) given to
/// an import. A file is found by the path an address or an attachment names below that folder, and never outside
/// it: a path with <c>..</c>, a drive, a backslash or a control character, or one whose file or folder is a link to
/// somewhere outside, is refused.
/// </summary>
internal sealed partial class MediaFolder
{
    private readonly string _root;

    public MediaFolder(string directory)
    {
        var info = new DirectoryInfo(directory);
        if (!info.Exists)
        {
            throw new ImportFileException($"The media folder {directory} does not exist.");
        }

        _root = Path.TrimEndingDirectorySeparator(RealPath(info.FullName));
    }

    public string Description => _root;

    /// <summary>The path below the uploads folder that an address names, or null when it is not an upload's address.</summary>
    /// <param name="marker">Where the uploads folder starts in an address: <c>/wp-content/uploads/</c>, <c>/content/images/</c>.</param>
    public static string? RelativePath(string address, string marker)
    {
        var path = Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.AbsolutePath : address.Split('?', '#')[0];
        var at = path.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : Uri.UnescapeDataString(path[(at + marker.Length)..]);
    }

    /// <summary>Whether <paramref name="relative"/> is a plain path below the folder (no <c>..</c>, no drive, no backslash).</summary>
    public static bool IsSafe(string relative) =>
        relative.Length is > 0 and < 1000 && !relative.StartsWith('/') && !relative.Contains('\\', StringComparison.Ordinal)
        && !relative.Contains(':', StringComparison.Ordinal) && !relative.Any(char.IsControl)
        && relative.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");

    /// <summary>The file at <paramref name="relative"/>, or its original when the address named one of WordPress's resized copies; null when missing.</summary>
    /// <exception cref="ImportPathRefusedException">The path leads outside the folder.</exception>
    public FileInfo? Find(string relative)
    {
        if (!IsSafe(relative))
        {
            throw new ImportPathRefusedException(relative);
        }

        foreach (var candidate in new[] { relative, ResizedCopy().Replace(relative, "$1") }.Distinct())
        {
            var full = Path.GetFullPath(Path.Combine(_root, candidate));
            if (!Inside(full))
            {
                throw new ImportPathRefusedException(relative);
            }

            var file = new FileInfo(full);
            if (file.Exists)
            {
                if (!Inside(RealPath(file.FullName)))
                {
                    throw new ImportPathRefusedException(relative);
                }

                return file;
            }
        }

        return null;
    }

    private bool Inside(string full) => full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every link along it followed.</summary>
    private static string RealPath(string path)
    {
        var parts = path.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var real = Path.GetPathRoot(path) ?? "/";
        foreach (var part in parts)
        {
            var next = Path.Combine(real, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                next = RealPath(target.FullName);
            }
            else if (new DirectoryInfo(next) is { LinkTarget: not null } directory && directory.ResolveLinkTarget(returnFinalTarget: true) is { } folder)
            {
                next = RealPath(folder.FullName);
            }

            real = next;
        }

        return real;
    }

    // WordPress's resized copies (photo-300x200.jpg) and its big-image copy (photo-scaled.jpg) name the original photo.jpg.
    [GeneratedRegex(@"^(.*?)(?:-\d{1,5}x\d{1,5}|-scaled)(?=\.[A-Za-z0-9]+$)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ResizedCopy();
}

/// <summary>An attachment or address named a path outside the media folder.</summary>
internal sealed class ImportPathRefusedException(string path) : Exception($"The path '{path}' leads outside the media folder and was refused.");
