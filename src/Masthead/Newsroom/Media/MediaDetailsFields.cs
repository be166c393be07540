using System.Globalization;
using Masthead.Core.Media;

namespace Masthead.Newsroom.Media;

/// <summary>The alt text, caption and credit fields, shared by the upload form and an item's page.</summary>
/// <param name="Id">Prefix of the fields' ids, unique on the page.</param>
/// <param name="Prefix">Prefix of the fields' names, as the page model binds them.</param>
public sealed record MediaDetailsFields(string Id, string Prefix, string? Alt, string? Caption, string? Credit);

/// <summary>The focal point as classes (tenths of the width and height), so no inline style is needed.</summary>
public static class MediaFocus
{
    public static string Class(MediaItemView item) => string.Create(CultureInfo.InvariantCulture, $"focal fx-{Tenths(item.FocalX)} fy-{Tenths(item.FocalY)}");

    public static int Tenths(double fraction) => (int)Math.Round(Math.Clamp(fraction, 0, 1) * 10) * 10;

    public static string Percent(double fraction) => Math.Round(fraction * 100).ToString(CultureInfo.InvariantCulture);
}
