using System.Globalization;
using System.Net;
using System.Text;
using QRCoder;

namespace Masthead.Newsroom.Account;

/// <summary>
/// A QR code as inline SVG: one path of dark squares on a white square, with no style attribute and nothing fetched
/// from elsewhere, so it shows under the strictest Content-Security-Policy and the key never leaves the page.
/// </summary>
public static class QrCodeSvg
{
    public static string Render(string text, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var size = modules.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (modules[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }

        return $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" aria-label="{WebUtility.HtmlEncode(label)}" """ +
            $"""shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{path}"/></svg>""";
    }
}
