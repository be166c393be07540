using System.Text;

namespace Masthead.Core.Media;

/// <summary>A file that starts like a PDF must also be built like one: a version, objects, and an end-of-file marker.</summary>
public static class PdfCheck
{
    public static void Verify(ReadOnlySpan<byte> content, string fileName)
    {
        var head = Encoding.ASCII.GetString(content[..Math.Min(content.Length, 16)]);
        var tail = Encoding.ASCII.GetString(content[Math.Max(0, content.Length - 2048)..]);
        var hasVersion = head.Length >= 8 && head.StartsWith("%PDF-", StringComparison.Ordinal) && char.IsAsciiDigit(head[5]) && head[6] == '.' && char.IsAsciiDigit(head[7]);
        if (!hasVersion || !tail.Contains("%%EOF", StringComparison.Ordinal) || content.IndexOf(" obj"u8) < 0)
        {
            throw new MediaRejectedException(MediaRejection.Invalid,
                $"“{fileName}” starts like a PDF but is not a complete one (it has no version, no objects or no end-of-file marker). Upload the original document.");
        }
    }
}
