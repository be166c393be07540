using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Masthead.Testing;

namespace Masthead.Browser.Tests.Xss;

/// <summary>
/// Writes the XSS corpus into every field staff can write, over HTTP through the newsroom's own forms as an
/// administrator would, and the contact form's fields as readers would (staff read them in the inbox). Each field
/// gets every payload: packed into as many records as its length limit needs (articles, sections, tags, live
/// updates, pages, staff, contact messages, API keys), or, for the one publication settings record, one round of
/// saves after another (see <see cref="SaveSettingsAsync"/>).
/// </summary>
public sealed partial class XssCorpusWriter(MastheadServer server, NewsroomClient administrator)
{
    /// <summary>The ids of the articles written, each published with a correction.</summary>
    public List<int> Articles { get; } = [];

    /// <summary>Newsroom addresses that show what was written, besides each article's editor and revisions.</summary>
    public List<string> NewsroomPaths { get; } = ["/newsroom", "/newsroom/articles", "/newsroom/sections", "/newsroom/staff", "/newsroom/pages", "/newsroom/inbox",
        "/newsroom/api-keys", "/newsroom/audit", "/newsroom/settings"];

    /// <summary>Reader addresses that show what was written, besides the articles and the pages they link to.</summary>
    public List<string> ReaderPaths { get; } = ["/", "/staff", "/corrections", "/contact", "/search?q=xss", "/search?q=onerror+img"];

    /// <summary>A Content API key, for reading what was written through the API.</summary>
    public string ApiKey { get; private set; } = "";

    public async Task WriteAsync()
    {
        await WriteSectionsAsync();
        await WriteArticlesAsync();
        await WriteTagDescriptionsAsync();
        await WriteLiveUpdatesAsync();
        await WriteStaticPagesAsync();
        await WriteStaffAsync();
        await WriteContactMessagesAsync();
        await WriteApiKeysAsync();
    }

    /// <summary>The publication's settings, round <paramref name="round"/> of <see cref="SettingsRounds"/>.</summary>
    public async Task SaveSettingsAsync(int round)
    {
        await ExpectRedirectAsync(administrator.SubmitAsync("/newsroom/settings", "form.settings", new()
        {
            ["Form.Name"] = Take(200, round),
            ["Form.Tagline"] = Take(300, round),
            ["Form.ContactPrompt"] = Take(200, round),
            ["Form.Description"] = Take(1000, round),
        }), "saving the settings");
    }

    /// <summary>Rounds of settings saves it takes to put every payload through the tightest settings field.</summary>
    public static int SettingsRounds => XssPayloads.Packed(200).Count;

    private async Task WriteSectionsAsync()
    {
        var names = XssPayloads.Packed(100);
        for (var i = 0; i < names.Count; i++)
        {
            await ExpectRedirectAsync(administrator.SubmitAsync("/newsroom/sections", "form[action*='handler=Section']", new()
            {
                ["NewSection.Name"] = names[i],
                ["NewSection.Slug"] = $"xss-section-{i}",
                ["NewSection.Description"] = Take(1000, i),
            }), $"creating section {i}");
            ReaderPaths.Add($"/section/xss-section-{i}");
        }
    }

    private async Task WriteArticlesAsync()
    {
        var editor = await administrator.GetDocumentAsync("/newsroom/articles/new");
        var sections = XssPayloads.Packed(100)
            .Select(name => editor.QuerySelectorAll("select[name='Form.SectionId'] option").Single(option => option.TextContent.Trim() == name).GetAttribute("value")!)
            .ToList();
        var tags = XssPayloads.Packed(100, ",");
        var count = XssPayloads.Packed(300).Count;
        for (var i = 0; i < count; i++)
        {
            // Every section gets an article, and every packed tag list goes to one.
            var section = sections[Math.Min(i, sections.Count - 1)];
            var newTags = string.Join(",", tags.Where((_, index) => index % count == i));
            using var written = await administrator.SubmitAsync("/newsroom/articles/new", "form.article-form", new()
            {
                ["Form.Headline"] = Take(300, i),
                ["Form.Standfirst"] = Take(1000, i),
                ["Form.BodyMarkdown"] = XssPayloads.Markdown,
                ["Form.Slug"] = $"xss-corpus-{i}",
                ["Form.SectionId"] = section,
                ["Form.NewTags"] = newTags,
                ["Form.LeadImageUrl"] = "/demo/images/city-hall.svg",
                ["Form.LeadImageAlt"] = Take(500, i),
                ["Form.LeadImageCaption"] = Take(1000, i),
                ["Form.LeadImageCredit"] = Take(300, i),
                ["Form.Note"] = Take(500, i),
            }, button: "intent=save");
            await ExpectAsync(written, HttpStatusCode.Redirect, $"writing article {i}");
            var id = int.Parse(ArticleId().Match(written.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Articles.Add(id);
            await ExpectRedirectAsync(administrator.SubmitAsync($"/newsroom/articles/{id}", $"form[action='/newsroom/articles/{id}?handler=Publish']", []),
                $"publishing article {id}");
            await ExpectRedirectAsync(administrator.SubmitAsync($"/newsroom/articles/{id}", "form.add-note", new()
            {
                ["kind"] = i % 2 == 0 ? "Correction" : "Clarification",
                ["text"] = XssPayloads.Markdown,
            }), $"correcting article {id}");
        }
    }

    private async Task WriteTagDescriptionsAsync()
    {
        var taxonomy = await administrator.GetDocumentAsync("/newsroom/sections");
        var editors = taxonomy.QuerySelectorAll("a[href^='/newsroom/tags/'], a[href^='/newsroom/sections/']")
            .Where(link => link.TextContent.Contains("__xss(", StringComparison.Ordinal))
            .Select(link => link.GetAttribute("href")!)
            .Distinct()
            .ToList();
        NewsroomPaths.AddRange(editors);
        var tagEditors = editors.Where(path => path.StartsWith("/newsroom/tags/", StringComparison.Ordinal)).ToList();
        if (tagEditors.Count == 0)
        {
            throw new InvalidOperationException("The sections and tags page lists none of the tags written.");
        }

        for (var i = 0; i < XssPayloads.Packed(1000).Count; i++)
        {
            var path = tagEditors[i % tagEditors.Count];
            await ExpectRedirectAsync(administrator.SubmitAsync(path, "form[action*='handler=Save']", new() { ["Form.Description"] = Take(1000, i) }),
                $"describing the tag at {path}");
        }
    }

    /// <summary>Posts one more update to the live story: its readers' pages add it from the event stream.</summary>
    public async Task PostLiveUpdateAsync(string title)
    {
        var (id, _) = await server.ArticleAsync("council-budget-night");
        await ExpectRedirectAsync(administrator.SubmitAsync($"/newsroom/live/{id}", "form[action*='handler=Update']", new()
        {
            ["Title"] = title,
            ["Body"] = XssPayloads.Markdown,
        }), "posting a live update");
    }

    private async Task WriteLiveUpdatesAsync()
    {
        var (id, path) = await server.ArticleAsync("council-budget-night");
        ReaderPaths.Add(path);
        NewsroomPaths.Add($"/newsroom/live/{id}");
        var desk = await administrator.GetDocumentAsync($"/newsroom/live/{id}");
        if (desk.QuerySelector("form[action*='handler=Start']") is not null)
        {
            await ExpectRedirectAsync(administrator.SubmitAsync($"/newsroom/live/{id}", "form[action*='handler=Start']", []), "starting live coverage");
        }

        foreach (var title in XssPayloads.Packed(200))
        {
            await PostLiveUpdateAsync(title);
        }
    }

    private async Task WriteStaticPagesAsync()
    {
        foreach (var title in XssPayloads.Packed(200))
        {
            using var saved = await administrator.SubmitAsync("/newsroom/pages/new", "form.static-page-editor", new()
            {
                ["Title"] = title,
                ["BodyMarkdown"] = XssPayloads.Markdown,
            });
            await ExpectAsync(saved, HttpStatusCode.Redirect, "writing a static page");
            NewsroomPaths.Add(saved.Headers.Location!.OriginalString);
        }

        var pages = await administrator.GetDocumentAsync("/newsroom/pages");
        ReaderPaths.AddRange(pages.QuerySelectorAll("td a[href^='/']")
            .Select(link => link.GetAttribute("href")!)
            .Where(href => !href.StartsWith("/newsroom", StringComparison.Ordinal)));
    }

    /// <summary>The demo's staff take the payloads as names, job titles and bios; invited staff take the rest.</summary>
    private async Task WriteStaffAsync()
    {
        var staff = await administrator.GetDocumentAsync("/newsroom/staff");
        var profiles = staff.QuerySelectorAll("a[href^='/newsroom/staff/']").Select(link => link.GetAttribute("href")!).Distinct().ToList();
        var names = XssPayloads.Packed(200);
        for (var i = 0; i < names.Count; i++)
        {
            if (i < profiles.Count)
            {
                await ExpectRedirectAsync(administrator.SubmitAsync(profiles[i], "form.profile", new()
                {
                    ["Form.Name"] = names[i],
                    ["Form.JobTitle"] = Take(200, i),
                    ["Form.Bio"] = Take(2000, i),
                }), $"saving the profile at {profiles[i]}");
                NewsroomPaths.Add(profiles[i]);
            }
            else
            {
                using var invited = await administrator.SubmitAsync("/newsroom/staff", "form[action*='handler=Invite']", new()
                {
                    ["Invite.Name"] = names[i],
                    ["Invite.Email"] = $"invited-{i}@larkmoorlantern.example",
                    ["Invite.JobTitle"] = Take(200, i),
                    ["Invite.Role"] = "Contributor",
                });
                Expect(invited.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"inviting staff member {i} answered {(int)invited.StatusCode}");
            }
        }

        var everyone = await server.GetDocumentAsync("/staff");
        ReaderPaths.AddRange(everyone.QuerySelectorAll("a[href^='/author/']").Select(link => link.GetAttribute("href")!).Distinct());
    }

    /// <summary>Readers' messages, each from its own address (loopback is a trusted proxy) so the per-client limit holds none back.</summary>
    private async Task WriteContactMessagesAsync()
    {
        var names = XssPayloads.Packed(200);
        for (var i = 0; i < names.Count; i++)
        {
            using var reader = new NewsroomClient(server);
            reader.Http.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            await ExpectRedirectAsync(reader.SubmitAsync("/contact", "main form", new()
            {
                ["Name"] = names[i],
                ["Email"] = $"reader-{i}@example.org",
                ["Subject"] = names[i],
                ["Message"] = XssPayloads.Markdown,
            }), $"sending contact message {i}");
        }

        var inbox = await administrator.GetDocumentAsync("/newsroom/inbox");
        NewsroomPaths.AddRange(inbox.QuerySelectorAll("a[href^='/newsroom/inbox/']").Select(link => link.GetAttribute("href")!).Distinct());
    }

    private async Task WriteApiKeysAsync()
    {
        foreach (var name in XssPayloads.Packed(100))
        {
            using var created = await administrator.SubmitAsync("/newsroom/api-keys", "form[action*='handler=Create']", new() { ["Name"] = name });
            Expect(created.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"creating an API key answered {(int)created.StatusCode}");
        }

        var keys = await administrator.GetDocumentAsync("/newsroom/api-keys");
        ApiKey = keys.QuerySelector(".api-key-secret")?.TextContent.Trim() ?? throw new InvalidOperationException("No API key was created.");
    }

    /// <summary>Record <paramref name="index"/>'s value for a field of <paramref name="limit"/> characters, round the corpus again when it has fewer.</summary>
    private static string Take(int limit, int index)
    {
        var values = XssPayloads.Packed(limit);
        return values[index % values.Count];
    }

    private static async Task ExpectRedirectAsync(Task<HttpResponseMessage> sending, string what)
    {
        using var response = await sending;
        await ExpectAsync(response, HttpStatusCode.Redirect, what);
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        if (response.StatusCode != status)
        {
            var page = await MastheadServer.ParseAsync(await response.Content.ReadAsStringAsync());
            var problems = string.Join(" | ", page.QuerySelectorAll(".errors, .error, [role=alert]").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {problems}");
        }
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    [GeneratedRegex("^/newsroom/articles/([0-9]+)")]
    private static partial Regex ArticleId();
}
