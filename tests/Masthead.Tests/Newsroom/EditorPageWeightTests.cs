using System.IO.Compression;
using Masthead.Testing;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// The article editor stays light: every script and stylesheet it loads, its own and its preview frame's, weighs at
/// most 150 KB compressed (gzip) in all. BENCHMARKS.md records the figure.
/// </summary>
public sealed class EditorPageWeightTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const int Budget = 150 * 1024;

    [Fact]
    public async Task The_editor_and_its_preview_load_at_most_150_KB_of_compressed_script_and_style()
    {
        using var reporter = await NewsroomClient.SignInAsync(site.Server, DemoLogins.Reporter);
        var editor = await reporter.GetDocumentAsync("/newsroom/articles/new");
        var preview = await reporter.GetDocumentAsync("/newsroom/articles/preview");
        var assets = editor.QuerySelectorAll("link[rel=stylesheet], script[src]").Concat(preview.QuerySelectorAll("link[rel=stylesheet], script[src]"))
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .Distinct()
            .ToList();
        Assert.Contains(assets, a => a.StartsWith("/js/editor.js", StringComparison.Ordinal));

        var sizes = new Dictionary<string, long>();
        foreach (var asset in assets)
        {
            var bytes = await reporter.Http.GetByteArrayAsync(asset, TestContext.Current.CancellationToken);
            using var compressed = new MemoryStream();
            await using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                await gzip.WriteAsync(bytes, TestContext.Current.CancellationToken);
            }

            sizes[asset.Split('?')[0]] = compressed.Length;
        }

        var total = sizes.Values.Sum();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", sizes.Select(s => $"{s.Key}: {s.Value:N0} B")) + $"\ntotal: {total:N0} B");
        Assert.True(total <= Budget, $"The editor loads {total:N0} B of compressed script and style; the budget is {Budget:N0} B.\n" +
            string.Join("\n", sizes.Select(s => $"{s.Key}: {s.Value:N0} B")));
    }
}
