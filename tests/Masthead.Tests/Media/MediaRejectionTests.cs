using System.Net;
using System.Text;
using Masthead.Testing;

namespace Masthead.Tests.Media;

/// <summary>
/// Bad and hostile uploads: each gets a problem whose detail says what is wrong and what to do, nothing of it is
/// stored (no item, no file), and the server goes on serving.
/// </summary>
public sealed class MediaRejectionTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    public static TheoryData<string, string, int, string> Refused => new()
    {
        { "empty.jpg", "empty", 422, "empty (0 bytes)" },
        { "half.jpg", "truncated-jpeg", 422, "truncated" },
        { "photo.jpg", "html", 415, "an HTML page" },
        { "notes.jpg", "text", 415, "is text" },
        { "huge.png", "png-30000", 422, "900 megapixels" },
        { "wide.png", "png-side", 422, "no side may be longer" },
        { "budget.pdf", "text", 415, "is text" },
        { "filing.pdf", "pdf-truncated", 422, "not a complete one" },
        { "scan.heic", "heic", 415, "HEIC" },
        { "../../etc/cron.d/photo.jpg", "photo", 422, "contains a path" },
        { "photo\u0007\u202e.jpg", "photo", 422, "control characters" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_bad_upload_is_refused_with_a_reason_and_leaves_nothing_behind(string fileName, string content, int status, string reason)
    {
        using var reporter = await MediaClient.SignInAsync(Server, DemoLogins.Reporter);
        var before = await StoredAsync(reporter);

        using var response = await reporter.UploadAsync(fileName, Content(content));
        var problem = await MediaClient.ProblemAsync(response);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync(reporter));
        Assert.Equal(HttpStatusCode.OK, (await Server.Client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task An_SVG_with_a_script_is_refused_even_from_an_administrator_and_any_SVG_from_anyone_else()
    {
        using var admin = await MediaClient.SignInAsync(Server, DemoLogins.Administrator);
        using var editor = await MediaClient.SignInAsync(Server, DemoLogins.Editor);
        var before = await StoredAsync(admin);

        using var script = await admin.UploadAsync("chart.svg", TestImages.Svg("<script>alert(document.cookie)</script>"), "image/svg+xml");
        using var handler = await admin.UploadAsync("chart.svg", TestImages.Svg("<rect width=\"9\" height=\"9\" onclick=\"alert(1)\"/>"), "image/svg+xml");
        using var external = await admin.UploadAsync("chart.svg", TestImages.Svg("<image href=\"https://tracker.example/pixel.png\" width=\"1\" height=\"1\"/>"), "image/svg+xml");
        using var foreign = await admin.UploadAsync("chart.svg",
            TestImages.Svg("<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">hi</div></foreignObject>"), "image/svg+xml");
        using var clean = await editor.UploadAsync("chart.svg", TestImages.Svg(), "image/svg+xml");

        Assert.Contains("<script>", (await MediaClient.ProblemAsync(script)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("event handler (onclick", (await MediaClient.ProblemAsync(handler)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("outside the file", (await MediaClient.ProblemAsync(external)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("<foreignObject>", (await MediaClient.ProblemAsync(foreign)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.All(new[] { script, handler, external, foreign }, r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        Assert.Equal(HttpStatusCode.Forbidden, clean.StatusCode);
        Assert.Contains("only administrators", (await MediaClient.ProblemAsync(clean)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync(admin));
    }

    [Fact]
    public async Task A_100_MB_upload_is_refused_before_it_is_read()
    {
        using var reporter = await MediaClient.SignInAsync(Server, DemoLogins.Reporter);
        var before = await StoredAsync(reporter);
        var huge = new byte[100 * 1024 * 1024];
        TestImages.Photo(400, 300, 1).CopyTo(huge, 0);

        using var response = await reporter.UploadAsync("huge.jpg", huge);
        var problem = await MediaClient.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 25 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync(reporter));
        Assert.Equal(HttpStatusCode.OK, (await Server.Client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task An_upload_without_a_file_or_without_the_antiforgery_token_or_signed_out_changes_nothing()
    {
        using var reporter = await MediaClient.SignInAsync(Server, DemoLogins.Reporter);
        var before = await StoredAsync(reporter);

        using var noToken = await reporter.UploadAsync("photo.jpg", TestImages.Photo(300, 200, 1), withToken: false);
        using var form = new MultipartFormDataContent { { new StringContent("just words"), "alt" } };
        using var noFile = await PostWithTokenAsync(reporter, form);
        using var signedOut = await Server.Client.PostAsync(MediaClient.Api, new ByteArrayContent([1, 2, 3]));

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Contains("antiforgery", (await MediaClient.ProblemAsync(noToken)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.True((await MediaClient.ProblemAsync(noFile)).GetProperty("errors").TryGetProperty("file", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        Assert.Equal(before, await StoredAsync(reporter));
    }

    private static async Task<HttpResponseMessage> PostWithTokenAsync(MediaClient client, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, MediaClient.Api) { Content = content };
        request.Headers.Add("RequestVerificationToken", await client.TokenAsync());
        return await client.Http.SendAsync(request);
    }

    /// <summary>How many items the library lists and how many files the uploads directory holds.</summary>
    private async Task<(int Items, int Files)> StoredAsync(MediaClient client)
    {
        var list = await client.GetJsonAsync($"{MediaClient.Api}?limit=1");
        var uploads = Path.Combine(Server.DataDirectory, "uploads");
        return (list.GetProperty("total").GetInt32(), Directory.Exists(uploads) ? Directory.GetFiles(uploads, "*", SearchOption.AllDirectories).Length : 0);
    }

    private static byte[] Content(string kind) => kind switch
    {
        "empty" => [],
        "truncated-jpeg" => TestImages.Photo(1200, 800, 1)[..20_000],
        "html" => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
        "text" => Encoding.UTF8.GetBytes("Budget line items for the county, fiscal year 2027.\nRoads: 1.2m\n"),
        "png-30000" => TestImages.PngClaiming(30_000, 30_000),
        "png-side" => TestImages.PngClaiming(40_000, 10),
        "pdf-truncated" => TestImages.Pdf()[..60],
        "heic" => Heic(),
        _ => TestImages.Photo(600, 400, 1),
    };

    /// <summary>The start of a HEIC file (an ISO media box with the heic brand) and nothing an engine could decode.</summary>
    private static byte[] Heic() =>
        [0, 0, 0, 24, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', (byte)'c', 0, 0, 0, 0,
         (byte)'m', (byte)'i', (byte)'f', (byte)'1', (byte)'h', (byte)'e', (byte)'i', (byte)'c', .. new byte[200]];
}
