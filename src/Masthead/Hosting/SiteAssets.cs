using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Masthead.Hosting;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Masthead.Hosting;

/// <summary>
/// The stylesheet, scripts and demo images are embedded in the executable, so the site looks the same whatever the
/// working directory. Links carry a content hash (?v=) and such requests are cached for a year. Scripts are loaded
/// with <see cref="Script"/>, which names their hash in an integrity attribute: the Content-Security-Policy admits
/// scripts by those hashes and nothing else (see SecurityHeaders/).
/// </summary>
public sealed class SiteAssets
{
    private readonly ConcurrentDictionary<string, byte[]?> _hashes = new(StringComparer.Ordinal);

    public IFileProvider Files { get; } = new MinifiedStylesheets(new ManifestEmbeddedFileProvider(typeof(SiteAssets).Assembly, "wwwroot"));

    /// <summary>"/css/site.css" becomes "/css/site.css?v=1a2b3c4d5e".</summary>
    public string Versioned(string path) =>
        Hash(path) is { } hash ? $"{path}?v={Convert.ToHexStringLower(hash)[..10]}" : path;

    /// <summary>The script element for one of the site's scripts, deferred, with the hash the policy admits it by.</summary>
    public IHtmlContent Script(string path)
    {
        var integrity = Integrity(path) ?? throw new ArgumentException($"{path} is not one of the site's files.", nameof(path));
        return new HtmlString($"<script src=\"{HtmlEncoder.Default.Encode(Versioned(path))}\" integrity=\"{integrity}\" defer></script>");
    }

    /// <summary>"sha256-..." of the file at <paramref name="path"/>, as an integrity attribute and a policy source say it.</summary>
    public string? Integrity(string path) => Hash(path) is { } hash ? $"sha256-{Convert.ToBase64String(hash)}" : null;

    /// <summary>The paths of the scripts under /js, such as "/js/live.js".</summary>
    public IEnumerable<string> ScriptPaths => Files.GetDirectoryContents("/js")
        .Where(file => !file.IsDirectory && file.Name.EndsWith(".js", StringComparison.Ordinal))
        .Select(file => $"/js/{file.Name}")
        .Order(StringComparer.Ordinal);

    public string ReadText(string path)
    {
        using var reader = new StreamReader(Files.GetFileInfo(path).CreateReadStream());
        return reader.ReadToEnd();
    }

    private byte[]? Hash(string path) => _hashes.GetOrAdd(path, p =>
    {
        var file = Files.GetFileInfo(p);
        if (!file.Exists)
        {
            return null;
        }

        using var stream = file.CreateReadStream();
        return SHA256.HashData(stream);
    });
}

public static class SiteAssetsPipeline
{
    private const string OneYear = "public, max-age=31536000, immutable";

    public static IApplicationBuilder UseSiteAssets(this WebApplication app)
    {
        var assets = app.Services.GetRequiredService<SiteAssets>();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = assets.Files,
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                file.Context.Request.Query.ContainsKey("v") ? OneYear : "public, max-age=3600",
        });

        return app;
    }
}
