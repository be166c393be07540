using System.Net;
using System.Security.Cryptography;
using Masthead.Testing;

namespace Masthead.Tests.SecurityHeaders;

/// <summary>
/// Every answer carries the security headers, over real HTTP: pages a strict Content-Security-Policy that admits
/// only the site's own scripts by their hashes, the newsroom may not be framed at all, and nothing says which
/// server answered.
/// </summary>
public sealed class SecurityHeadersTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    public static TheoryData<string, int> ReaderPages => new()
    {
        { "/", 200 },
        { "/section/politics", 200 },
        { "/author/delphine-marrow", 200 },
        { "/staff", 200 },
        { "/corrections", 200 },
        { "/contact", 200 },
        { "/search?q=council", 200 },
        { "/search?q=%22open", 400 },
        { "/no-such-page", 404 },
    };

    [Theory]
    [MemberData(nameof(ReaderPages))]
    public async Task Reader_pages_admit_only_the_sites_own_scripts_and_may_be_framed_only_by_the_site(string path, int status)
    {
        // The second answer of a cached page comes from the output cache and must say the same.
        foreach (var _ in new[] { "rendered", "cached" })
        {
            using var response = await Server.Client.GetAsync(path);
            Assert.Equal(status, (int)response.StatusCode);
            var policy = StrictPagePolicy(response);
            Assert.Equal(["'self'"], policy["frame-ancestors"]);
            Assert.Equal("SAMEORIGIN", Single(response, "X-Frame-Options"));
            Assert.Equal("strict-origin-when-cross-origin", Single(response, "Referrer-Policy"));
            AssertCommonHeaders(response);
        }
    }

    public static TheoryData<string, int> NewsroomPages => new()
    {
        { "/newsroom", 200 },
        { "/newsroom/articles", 200 },
        { "/newsroom/articles/new", 200 },
        { "/newsroom/settings", 200 },
        { "/newsroom/inbox", 200 },
        { "/newsroom/articles/999999", 404 },
    };

    [Theory]
    [MemberData(nameof(NewsroomPages))]
    public async Task Newsroom_pages_may_never_be_framed_and_send_no_address_to_other_sites(string path, int status)
    {
        using var administrator = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        using var response = await administrator.Http.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        AssertNewsroomPage(response);
    }

    [Theory]
    [InlineData("/newsroom/sign-in", 200)]
    [InlineData("/newsroom/set-password?account=1&token=wrong", 200)]
    public async Task The_newsroom_pages_anyone_can_open_may_never_be_framed_either(string path, int status)
    {
        using var response = await Server.Client.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        AssertNewsroomPage(response);
    }

    [Fact]
    public async Task A_refusal_in_the_newsroom_is_a_newsroom_page()
    {
        using var contributor = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);
        using var response = await contributor.Http.GetAsync("/newsroom/settings");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertNewsroomPage(response);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/section/politics")]
    public async Task A_revalidated_page_keeps_the_policy_it_was_stored_with(string path)
    {
        using var first = await Server.Client.GetAsync(path);
        var etag = first.Headers.ETag ?? throw new Xunit.Sdk.XunitException($"{path} has no ETag.");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await Server.Client.SendAsync(request);

        // A browser takes on the headers a 304 sends: the locked-down policy of a file there would sandbox the page.
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.False(revalidated.Headers.Contains("Content-Security-Policy"),
            $"The 304 sent its own policy: {string.Join(" | ", revalidated.Headers.TryGetValues("Content-Security-Policy", out var sent) ? sent : [])}");
    }

    [Fact]
    public async Task Each_script_a_page_loads_carries_its_hash_and_the_policy_admits_exactly_those_hashes()
    {
        var (_, livePath) = await Server.ArticleAsync("council-budget-night");
        using var administrator = await NewsroomClient.SignInAsync(Server, DemoLogins.Administrator);
        using var reader = await Server.Client.GetAsync(livePath);
        using var desk = await administrator.Http.GetAsync("/newsroom");

        foreach (var response in new[] { reader, desk })
        {
            var admitted = StrictPagePolicy(response)["script-src"];
            var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());
            var scripts = page.QuerySelectorAll("script[src]");
            Assert.NotEmpty(scripts);
            foreach (var script in scripts)
            {
                var integrity = script.GetAttribute("integrity");
                Assert.False(string.IsNullOrEmpty(integrity), $"{script.OuterHtml} has no integrity attribute.");
                Assert.Contains($"'{integrity}'", admitted);
                var served = await Server.Client.GetByteArrayAsync(script.GetAttribute("src"));
                Assert.Equal($"sha256-{Convert.ToBase64String(SHA256.HashData(served))}", integrity);
            }
        }
    }

    [Fact]
    public async Task The_structured_data_of_an_article_is_a_data_block_not_a_script()
    {
        var front = await Server.GetDocumentAsync("/");
        var article = await Server.GetDocumentAsync(front.QuerySelector(".front-lead .story-headline a")!.GetAttribute("href")!);

        var scripts = article.QuerySelectorAll("script").ToList();
        Assert.Contains(scripts, script => script.GetAttribute("type") == "application/ld+json");
        Assert.All(scripts, script => Assert.True(
            script.HasAttribute("src") || script.GetAttribute("type") == "application/ld+json",
            $"An inline script would need 'unsafe-inline' or its own hash: {script.OuterHtml[..Math.Min(120, script.OuterHtml.Length)]}"));
    }

    public static TheoryData<string> OtherAnswers =>
    [
        "/api/search?q=council",
        "/api/search?q=%22open",
        "/ghost/api/content/settings/",
        "/feed.xml",
        "/feed.json",
        "/sitemap.xml",
        "/robots.txt",
        "/healthz",
        "/css/site.css",
        "/favicon.svg",
    ];

    [Theory]
    [MemberData(nameof(OtherAnswers))]
    public async Task Answers_that_are_not_pages_may_load_nothing_run_nothing_and_be_framed_by_nobody(string path)
    {
        using var response = await Server.Client.GetAsync(path);

        AssertLockedDown(response);
    }

    [Fact]
    public async Task A_live_storys_event_stream_is_locked_down_too()
    {
        var (_, path) = await Server.ArticleAsync("council-budget-night");
        using var response = await Server.Client.GetAsync($"{path}/live", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        AssertLockedDown(response);
    }

    [Fact]
    public async Task Browsers_that_reached_the_site_over_https_are_told_to_keep_to_https()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "news.example";
        request.Headers.Add("X-Forwarded-Proto", "https"); // as the proxy in front says; loopback is a trusted proxy
        using var overHttps = await Server.Client.SendAsync(request);
        using var overHttp = await Server.Client.GetAsync("/");

        Assert.Equal("max-age=31536000", Single(overHttps, "Strict-Transport-Security"));
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"), "HSTS sent over plain http");
    }

    /// <summary>The policy every page carries, whatever may frame it: the site's own scripts by hash and nothing inline.</summary>
    private static ContentSecurityPolicyHeader StrictPagePolicy(HttpResponseMessage response)
    {
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = ContentSecurityPolicyHeader.Parse(Single(response, "Content-Security-Policy"));
        Assert.Equal(["'none'"], policy["default-src"]);
        Assert.NotEmpty(policy["script-src"]);
        Assert.All(policy["script-src"], source => Assert.StartsWith("'sha256-", source, StringComparison.Ordinal));
        Assert.DoesNotContain(policy["style-src"], source => source is "'unsafe-inline'" or "'unsafe-eval'" or "*" or "data:");
        Assert.Equal(["'none'"], policy["base-uri"]);
        Assert.Equal(["'self'"], policy["form-action"]);
        Assert.Equal(["'self'"], policy["connect-src"]);
        Assert.False(policy.Has("object-src"), "default-src 'none' already refuses plug-ins");
        return policy;
    }

    private static void AssertNewsroomPage(HttpResponseMessage response)
    {
        var policy = StrictPagePolicy(response);
        Assert.Equal(["'none'"], policy["frame-ancestors"]);
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Single(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Single(response, "Cross-Origin-Resource-Policy"));
        AssertCommonHeaders(response);
    }

    private static void AssertLockedDown(HttpResponseMessage response)
    {
        var policy = ContentSecurityPolicyHeader.Parse(Single(response, "Content-Security-Policy"));
        Assert.Equal(["'none'"], policy["default-src"]);
        Assert.Equal(["'none'"], policy["frame-ancestors"]);
        Assert.Empty(policy["sandbox"]);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(", ", response.Headers.Server)}");
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Single(response, "Cross-Origin-Opener-Policy"));
        Assert.Contains("camera=()", Single(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(", ", response.Headers.Server)}");
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS sent over plain http");
    }

    private static string Single(HttpResponseMessage response, string header)
    {
        var values = response.Headers.TryGetValues(header, out var found) ? found.ToList() : [];
        Assert.True(values.Count == 1, $"{header}: expected one value, got [{string.Join(" | ", values)}]");
        return values[0];
    }
}
