using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;

namespace Masthead.Hosting;

/// <summary>
/// The stylesheet, scripts and demo images are embedded in the executable, so the site looks the same whatever the
/// working directory. Links carry a content hash (?v=) and such requests are cached for a year.
/// </summary>
public sealed class SiteAssets
{
    private readonly ConcurrentDictionary<string, string> _versioned = new(StringComparer.Ordinal);

    public IFileProvider Files { get; } = new ManifestEmbeddedFileProvider(typeof(SiteAssets).Assembly, "wwwroot");

    /// <summary>"/css/site.css" becomes "/css/site.css?v=1a2b3c4d5e".</summary>
    public string Versioned(string path) => _versioned.GetOrAdd(path, p =>
    {
        var file = Files.GetFileInfo(p);
        if (!file.Exists)
        {
            return p;
        }

        using var stream = file.CreateReadStream();
        return $"{p}?v={Convert.ToHexStringLower(SHA256.HashData(stream))[..10]}";
    });

    public string ReadText(string path)
    {
        using var reader = new StreamReader(Files.GetFileInfo(path).CreateReadStream());
        return reader.ReadToEnd();
    }
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
