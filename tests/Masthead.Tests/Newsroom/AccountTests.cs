using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Masthead.Core.Storage;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>A staff member's own account: changing their password, and the first administrator of a fresh install.</summary>
public sealed partial class AccountTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task A_wrong_current_password_is_refused_beside_its_field_and_nothing_changes()
    {
        using var editor = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);

        using var response = await editor.SubmitAsync("/newsroom/account/password", "main form", new()
        {
            ["Current"] = "not my password at all",
            ["NewPassword"] = "a brand new passphrase",
            ["Confirm"] = "a brand new passphrase",
        });
        var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("That is not your current password. After several failed attempts, checking slows down: wait a minute before trying again.",
            page.QuerySelector("[data-valmsg-for=Current]")!.TextContent);
        using var stillWorks = await NewsroomClient.SignInAsync(Server, DemoLogins.Editor);
    }

    [Fact]
    public async Task A_changed_password_is_confirmed_and_replaces_the_old_one()
    {
        const string newPassword = "ferry lights over the bay";
        using var contributor = await NewsroomClient.SignInAsync(Server, DemoLogins.Contributor);

        using var response = await contributor.SubmitAsync("/newsroom/account/password", "main form", new()
        {
            ["Current"] = DemoLogins.Contributor.Password,
            ["NewPassword"] = newPassword,
            ["Confirm"] = newPassword,
        });
        var dashboard = await contributor.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Your password is changed, and every other session of yours is signed out.", dashboard.QuerySelector(".flash")!.TextContent);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => NewsroomClient.SignInAsync(Server, DemoLogins.Contributor));
        Assert.Contains("answered 200", refused.Message);
        using var withNew = await NewsroomClient.SignInAsync(Server, (DemoLogins.Contributor.Email, newPassword));
        Assert.Equal("Good to see you, Ravi Holmgren", (await withNew.GetDocumentAsync("/newsroom")).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_fresh_install_prints_a_set_up_link_that_creates_the_first_administrator_once()
    {
        var dataDirectory = MastheadServer.NewDataDirectory();
        try
        {
            await using var node = await MastheadNodeProcess.StartAsync(dataDirectory, "--Masthead:DemoOnFirstRun=false");
            var link = new Uri(await SetupLinkAsync(node));
            var visitor = new NewsroomClient(node.BaseAddress);
            var staffBefore = await visitor.GetDocumentAsync("/staff");

            using var setup = await visitor.SubmitAsync(link.PathAndQuery, "main form", new()
            {
                ["Name"] = "Odile Farrant",
                ["Email"] = "odile@example.org",
                ["Password"] = "tide tables and terns",
            });
            var signIn = await visitor.GetDocumentAsync(setup.Headers.Location!.OriginalString);
            using var admin = await NewsroomClient.SignInAsync(node.BaseAddress, ("odile@example.org", "tide tables and terns"));

            Assert.Equal(HttpStatusCode.Redirect, setup.StatusCode);
            Assert.Equal("/newsroom/sign-in", setup.Headers.Location!.OriginalString);
            Assert.Equal("Your administrator account is ready. Sign in with it now.", signIn.QuerySelector(".flash")!.TextContent);
            Assert.Equal("Good to see you, Odile Farrant", (await admin.GetDocumentAsync("/newsroom")).QuerySelector("h1")!.TextContent);
            var newest = (await admin.GetDocumentAsync("/newsroom/audit")).QuerySelectorAll("tr.audit-entry").Take(2)
                .Select(e => (e.QuerySelector(".audit-action")!.TextContent, e.QuerySelector(".audit-actor")!.TextContent));
            Assert.Equal([("signed-in", "Odile Farrant"), ("first-administrator", "Odile Farrant")], newest);
            Assert.Empty(staffBefore.QuerySelectorAll(".staff-card"));
            Assert.Equal(["Odile Farrant"], (await visitor.GetDocumentAsync("/staff")).QuerySelectorAll(".staff-name").Select(n => n.TextContent));

            var again = await new NewsroomClient(node.BaseAddress).GetDocumentAsync(link.PathAndQuery);
            Assert.Contains("already been used", again.QuerySelector(".errors")!.TextContent);
            Assert.Null(again.QuerySelector("input[name=Password]"));
            using var replay = await visitor.PostAsync(link.PathAndQuery, new()
            {
                ["Token"] = link.Query["?token=".Length..],
                ["Name"] = "Second Comer",
                ["Email"] = "second@example.org",
                ["Password"] = "another long passphrase",
            }, tokenPage: "/newsroom/sign-in");
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            await Assert.ThrowsAsync<InvalidOperationException>(() => NewsroomClient.SignInAsync(node.BaseAddress, ("second@example.org", "another long passphrase")));
        }
        finally
        {
            await MastheadServer.DeleteDataAsync(dataDirectory);
        }
    }

    [Fact]
    public async Task Over_https_the_staff_antiforgery_and_temp_data_cookies_are_secure_http_only_and_same_site()
    {
        // A proxy on loopback that ended TLS says so with X-Forwarded-Proto, which Masthead believes from loopback.
        using var https = new HttpsBehindProxy(Server.BaseAddress);

        var signInPage = await https.GetAsync("/newsroom/sign-in");
        var antiforgery = https.SetCookie("masthead.antiforgery");
        using var signIn = await https.PostAsync("/newsroom/sign-in", signInPage,
            ("Email", DemoLogins.Reporter.Email), ("Password", DemoLogins.Reporter.Password));
        var staff = https.SetCookie("masthead.staff");
        var reporterId = await Server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Staff
            .Where(s => s.Slug == "tobias-wren").Select(s => s.Id).SingleAsync());
        var profile = await https.GetAsync($"/newsroom/staff/{reporterId}");
        using var save = await https.PostAsync($"/newsroom/staff/{reporterId}", profile,
            [.. profile.QuerySelectorAll("main form [name^='Form.']").Select(f => (f.GetAttribute("name")!, f.GetAttribute("value") ?? f.TextContent))]);
        var tempData = https.SetCookie("masthead.tempdata");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.All([antiforgery, staff, tempData], cookie =>
        {
            var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
            Assert.Contains("secure", attributes);
            Assert.Contains("httponly", attributes);
            Assert.Contains(attributes, a => a.StartsWith("samesite=", StringComparison.Ordinal) && a != "samesite=none");
        });
        Assert.Contains("samesite=lax", staff, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", tempData, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The set-up link as `serve` prints it on the console.</summary>
    private static async Task<string> SetupLinkAsync(MastheadNodeProcess node)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (SetupLink().Match(node.Output) is { Success: true } found)
            {
                return found.Value;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"serve printed no set-up link: {node.Output}");
    }

    [GeneratedRegex(@"https?://\S+/newsroom/setup\?token=[0-9a-f]+")]
    private static partial Regex SetupLink();

    /// <summary>
    /// A browser reaching Masthead through a TLS-ending proxy: every request says X-Forwarded-Proto: https. Cookies
    /// are kept by hand, because a cookie jar would not send Secure cookies over the test's plain connection.
    /// </summary>
    private sealed class HttpsBehindProxy : IDisposable
    {
        private readonly HttpClient _http;
        private readonly Dictionary<string, string> _jar = [];
        private readonly Dictionary<string, string> _setCookies = [];

        public HttpsBehindProxy(Uri baseAddress)
        {
            _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };
            _http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        }

        /// <summary>The last Set-Cookie header that set <paramref name="name"/>.</summary>
        public string SetCookie(string name) =>
            _setCookies.TryGetValue(name, out var header) ? header : throw new InvalidOperationException($"No response set {name}.");

        public async Task<IDocument> GetAsync(string path)
        {
            using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());
        }

        /// <summary>Posts <paramref name="fields"/> with the antiforgery token of <paramref name="page"/>.</summary>
        public Task<HttpResponseMessage> PostAsync(string path, IDocument page, params (string Name, string Value)[] fields)
        {
            var token = page.QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token));
            return SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) });
        }

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            if (_jar.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _jar.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await _http.SendAsync(request);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';', 2)[0].Split('=', 2);
                _setCookies[pair[0]] = header;
                _jar[pair[0]] = pair[1];
            }

            request.Dispose();
            return response;
        }

        public void Dispose() => _http.Dispose();
    }
}
