using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Masthead.Newsletters;
using Masthead.Testing;
using Masthead.Tests.ContentApi;

namespace Masthead.Tests.Site;

/// <summary>Public pages are stored compressed, once for each of Brotli, gzip and none, and sent as stored.</summary>
public sealed class PageCompressionTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Theory]
    [InlineData("/")]
    [InlineData("/feed.xml")]
    [InlineData("/sitemap.xml")]
    public async Task Each_reader_gets_the_same_page_in_the_encoding_it_accepts(string path)
    {
        var (plain, plainBytes) = await GetAsync(path, null);
        var (brotli, brotliBytes) = await GetAsync(path, "gzip, deflate, br, zstd");
        var (gzip, gzipBytes) = await GetAsync(path, "gzip, deflate");

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal("br", brotli.Content.Headers.ContentEncoding.Single());
        Assert.Equal("gzip", gzip.Content.Headers.ContentEncoding.Single());
        Assert.Equal(brotliBytes.Length, brotli.Content.Headers.ContentLength);
        Assert.True(brotliBytes.Length < plainBytes.Length / 2, $"{brotliBytes.Length} bytes of Brotli for {plainBytes.Length}");

        var fromBrotli = Decompress(new BrotliStream(new MemoryStream(brotliBytes), CompressionMode.Decompress));
        var fromGzip = Decompress(new GZipStream(new MemoryStream(gzipBytes), CompressionMode.Decompress));
        foreach (var (response, page) in new[] { (plain, plainBytes), (brotli, fromBrotli), (gzip, fromGzip) })
        {
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            // Each encoding is rendered on its own, so the sign-up form's stamp differs when a second passes between
            // renders; the rest is the same page, and the ETag follows the page.
            Assert.Equal(Unstamped(plainBytes), Unstamped(page));
            Assert.Equal(page.AsSpan().SequenceEqual(plainBytes), plain.Headers.ETag!.Equals(response.Headers.ETag));
        }
    }

    [Fact]
    public async Task A_second_reader_is_sent_the_stored_compressed_page()
    {
        var (first, firstBytes) = await GetAsync("/section/politics", "br");
        var (second, secondBytes) = await GetAsync("/section/politics", "br");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal("br", second.Content.Headers.ContentEncoding.Single());
        Assert.Equal(firstBytes, secondBytes);
    }

    [Fact]
    public async Task Content_api_answers_are_stored_compressed_for_each_encoding()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server, "Compression");
        var path = api.WithKey("posts/?limit=5&include=authors,tags");
        var (plain, plainBytes) = await GetAsync(path, null);
        var (first, firstBytes) = await GetAsync(path, "gzip, deflate, br");
        var (second, secondBytes) = await GetAsync(path, "gzip, deflate, br");
        var (gzip, gzipBytes) = await GetAsync(path, "gzip");

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(["br", "br", "gzip"], new[] { first, second, gzip }.Select(r => r.Content.Headers.ContentEncoding.Single()));
        Assert.NotNull(second.Headers.Age); // the stored Brotli copy, sent as it is
        Assert.Equal(firstBytes, secondBytes);
        Assert.Equal(firstBytes.Length, first.Content.Headers.ContentLength);
        Assert.All(new[] { plain, first, gzip }, r => Assert.Contains("Accept-Encoding", r.Headers.Vary));
        Assert.Equal(plainBytes, Decompress(new BrotliStream(new MemoryStream(firstBytes), CompressionMode.Decompress)));
        Assert.Equal(plainBytes, Decompress(new GZipStream(new MemoryStream(gzipBytes), CompressionMode.Decompress)));
        Assert.Equal(5, System.Text.Json.JsonDocument.Parse(plainBytes).RootElement.GetProperty("posts").GetArrayLength());
    }

    [Theory]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("GZIP;q=0.4, x-made-up", "gzip")]
    [InlineData("*", "br")]
    [InlineData("*;q=0", null)]
    [InlineData("identity", null)]
    [InlineData("deflate, compress", null)]
    [InlineData(";;;,,, q=2, br;q=nonsense", null)]
    public async Task The_encoding_follows_the_header_and_refusals_are_respected(string acceptEncoding, string? expected)
    {
        var (response, _) = await GetAsync("/", acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
    }

    [Fact]
    public async Task Varied_headers_share_three_stored_copies_and_cannot_fill_the_cache()
    {
        await GetAsync("/staff", "gzip");
        foreach (var spelling in new[] { "gzip, deflate", "deflate, GZIP;q=0.5", $"gzip, x-{Guid.NewGuid():N}", "gzip;q=1.0, identity;q=0.1" })
        {
            var (response, _) = await GetAsync("/staff", spelling);

            Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
            Assert.NotNull(response.Headers.Age); // answered from the entry the first request stored
        }
    }

    private async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(string path, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        var response = await Server.Client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private static string Unstamped(byte[] page) => Regex.Replace(
        Encoding.UTF8.GetString(page), $"name=\"{NewsletterSignupGuard.StampField}\" value=\"[^\"]*\"", "(stamp)");

    private static byte[] Decompress(Stream compressed)
    {
        using (compressed)
        {
            using var plain = new MemoryStream();
            compressed.CopyTo(plain);
            return plain.ToArray();
        }
    }
}
