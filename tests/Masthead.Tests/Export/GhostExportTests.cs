using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.Autosaves;
using Masthead.Core.ContentApi;
using Masthead.Core.Newsletters;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Masthead.Tests.Cli;
using Masthead.Tests.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Export;

/// <summary>`masthead export`: the demo publication, with a draft, a piece in review and a scheduled one, out as a Ghost export and back in.</summary>
public sealed class GhostExportTests : IAsyncLifetime
{
    private const string AutosaveText = "An autosaved sentence nobody published";
    private const string SubscriberEmail = "reader-who-subscribed@example.org";

    private MastheadServer _source = null!;
    private MastheadProcess _exporter = null!;

    public async ValueTask InitializeAsync()
    {
        _source = await MastheadServer.StartAsync();
        _exporter = new MastheadProcess();
        await _source.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            var articles = services.GetRequiredService<ArticleService>();
            var publishing = services.GetRequiredService<PublishingService>();
            var staff = await db.Staff.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync();
            var section = await db.Sections.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            var tags = await db.Tags.OrderBy(t => t.Id).Select(t => t.Id).Take(2).ToListAsync();
            Task<int> CreateAsync(string headline) => articles.CreateAsync(Actor.System, new ArticleInput
            {
                Headline = headline,
                Standfirst = $"The standfirst of {headline.ToLowerInvariant()}.",
                BodyMarkdown = $"The **first** paragraph of {headline.ToLowerInvariant()}.\n\n## A heading\n\n- one point\n- another\n\n> A quotation.",
                SectionId = section,
                TagIds = tags,
                AuthorIds = [staff[1], staff[0]],
            });
            await CreateAsync("A draft still being written");
            await publishing.SubmitAsync(Actor.System, await CreateAsync("A piece waiting for an editor"));
            await publishing.ScheduleAsync(Actor.System, await CreateAsync("A piece for next week"), DateTime.UtcNow.AddDays(7));
            db.Autosaves.Add(new Autosave { StaffMemberId = staff[0], Fields = $"{{\"BodyMarkdown\":\"{AutosaveText}\"}}", SavedAt = DateTime.UtcNow });
            db.Subscribers.Add(new Subscriber
            {
                Email = SubscriberEmail,
                NormalizedEmail = SubscriberEmail.ToUpperInvariant(),
                LinkKey = "export-test-link-key",
                CreatedAt = DateTime.UtcNow,
            });
            db.ContentApiKeys.Add(new ContentApiKey
            {
                Name = "Export test",
                Secret = "e".PadRight(ContentApiKey.AdminIdLength, '7'),
                AdminRole = NewsroomRole.Editor,
                AdminSecret = "f".PadRight(ContentApiKey.AdminSecretLength, '9'),
            });
            await db.SaveChangesAsync();
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _exporter.DisposeAsync();
        await _source.DisposeAsync();
    }

    private async Task<(int ExitCode, string Output, string Error)> ExportAsync(params string[] args) =>
        await _exporter.RunAsync([.. args, $"--Masthead:DataDirectory={_source.DataDirectory}", .. await TestDatabase.ArgumentsForAsync(_source.DataDirectory)]);

    [Fact]
    public async Task The_export_imports_into_a_new_site_with_the_same_articles_states_bylines_tags_dates_text_pages_and_images()
    {
        var json = Path.Combine(_exporter.WorkingDirectory, "export.json");
        var zip = Path.Combine(_exporter.WorkingDirectory, "media.zip");
        var exported = await ExportAsync("export", json, "--media", zip);
        Assert.Equal((0, ""), (exported.ExitCode, exported.Error.Trim()));
        var images = Path.Combine(_exporter.WorkingDirectory, "images");
        await ZipFile.ExtractToDirectoryAsync(zip, images);

        await using var target = await MastheadProcess.OnTestDatabaseAsync();
        var imported = await target.RunAsync("import", "ghost", json, "--images", images);
        Assert.Equal((0, ""), (imported.ExitCode, imported.Error.Trim()));
        await using var server = await WordPressImportTests.ServerOnAsync(target);

        var before = await ArticlesAsync(_source);
        var after = (await ArticlesAsync(server)).ToDictionary(a => a.Slug);
        Assert.Equal(before.Count, after.Count);
        Assert.Contains(before, a => a.Status == ArticleStatus.InReview);
        foreach (var article in before)
        {
            var copy = after[article.Slug];
            var status = article.Status is ArticleStatus.Published or ArticleStatus.Scheduled ? article.Status : ArticleStatus.Draft; // Ghost has no others
            Assert.Equal((article.Headline, article.Standfirst, status), (copy.Headline, copy.Standfirst, copy.Status));
            Assert.Equal((Ms(article.PublishedAt), Ms(article.ScheduledFor)), (Ms(copy.PublishedAt), Ms(copy.ScheduledFor)));
            Assert.Equal(article.Authors, copy.Authors);
            Assert.Equal((article.Section, article.Tags), (copy.Section, copy.Tags));
            Assert.Equal(Words(article.Text), Words(copy.Text));
            Assert.Equal(article.LeadUrl is null, copy.LeadUrl is null);
            if (copy.LeadUrl is { } lead)
            {
                Assert.StartsWith("/media/", lead, StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(lead)).StatusCode);
            }
        }

        var published = before.First(a => a.Status == ArticleStatus.Published);
        var page = await server.GetDocumentAsync(ArticleUrls.PathFor(after[published.Slug].UrlDate!.Value, published.Slug));
        Assert.Equal(published.Headline, page.QuerySelector("h1")!.TextContent.Trim());
        var pages = await _source.InScopeAsync(s => s.GetRequiredService<MastheadDb>().StaticPages.Select(p => new { p.Slug, p.Title }).ToListAsync());
        Assert.NotEmpty(pages);
        foreach (var staticPage in pages)
        {
            Assert.Equal(staticPage.Title, (await server.GetDocumentAsync("/" + staticPage.Slug)).QuerySelector("h1")!.TextContent.Trim());
        }
    }

    [Fact]
    public async Task The_export_is_in_Ghosts_shape_with_every_article_and_nothing_private()
    {
        var json = Path.Combine(_exporter.WorkingDirectory, "ghost.json");
        var (exitCode, output, _) = await ExportAsync("export", json);
        Assert.Equal(0, exitCode);
        Assert.Contains("articles", output, StringComparison.Ordinal);

        var text = await File.ReadAllTextAsync(json);
        using var document = JsonDocument.Parse(text);
        var data = document.RootElement.GetProperty("db")[0].GetProperty("data");
        var posts = data.GetProperty("posts").EnumerateArray().ToList();
        var counts = await _source.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<MastheadDb>();
            return (await db.Articles.CountAsync(), await db.StaticPages.CountAsync(), await db.Staff.CountAsync());
        });
        Assert.Equal(counts, (posts.Count(p => p.GetProperty("type").GetString() == "post"), posts.Count(p => p.GetProperty("type").GetString() == "page"),
            data.GetProperty("users").GetArrayLength()));
        Assert.Equal(["draft", "published", "scheduled"], posts.Select(p => p.GetProperty("status").GetString()).Distinct().Order());
        Assert.All(posts, p => Assert.False(string.IsNullOrEmpty(p.GetProperty("html").GetString())));
        Assert.All(posts, p => Assert.DoesNotContain("=\"/media/", p.GetProperty("html").GetString(), StringComparison.Ordinal));
        foreach (var table in new[] { "posts_tags", "posts_authors", "posts_meta", "tags", "roles", "roles_users" })
        {
            Assert.NotEqual(0, data.GetProperty(table).GetArrayLength());
        }

        var secrets = await _source.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<MastheadDb>();
            var accounts = await db.Users.Select(u => new[] { u.PasswordHash, u.SecurityStamp }).ToListAsync();
            var keys = await db.ContentApiKeys.Select(k => new[] { k.Secret, k.AdminSecret }).ToListAsync();
            var sessions = await db.StaffSessions.Select(x => x.KeyHash).ToListAsync();
            return accounts.Concat(keys).SelectMany(x => x).Concat(sessions).OfType<string>().Where(x => x.Length >= 8).ToList();
        });
        Assert.NotEmpty(secrets);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        Assert.DoesNotContain(AutosaveText, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SubscriberEmail, text, StringComparison.Ordinal);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Collect(document.RootElement, names);
        Assert.DoesNotContain(names, n => n.Contains("password", StringComparison.OrdinalIgnoreCase) || n.Contains("secret", StringComparison.OrdinalIgnoreCase)
                                           || n is "members" or "subscribers" or "api_keys" or "sessions" or "autosaves" or "mobiledoc_revisions" or "post_revisions");
    }

    [Fact]
    public async Task An_export_to_a_folder_that_does_not_exist_says_so_and_writes_nothing()
    {
        var missing = Path.Combine(_exporter.WorkingDirectory, "no-such-folder", "export.json");

        var (exitCode, _, error) = await ExportAsync("export", missing);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"masthead: Masthead cannot write {missing}", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    private static void Collect(JsonElement element, HashSet<string> names)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                names.Add(property.Name);
                Collect(property.Value, names);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, names);
            }
        }
    }

    private static long? Ms(DateTime? date) => date is { } value ? value.Ticks / TimeSpan.TicksPerMillisecond : null;

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static Task<List<ArticleSummary>> ArticlesAsync(MastheadServer server) => server.InScopeAsync(async services =>
    {
        var rows = await services.GetRequiredService<MastheadDb>().Articles.AsNoTracking().OrderBy(a => a.Id).Select(a => new
        {
            a.Slug,
            a.Headline,
            a.Standfirst,
            a.Status,
            a.PublishedAt,
            a.ScheduledFor,
            a.UrlDate,
            a.BodyText,
            Authors = a.Authors.OrderBy(x => x.Position).Select(x => x.StaffMember!.Name).ToList(),
            Section = a.Section!.Slug,
            Tags = a.Tags.Select(t => t.Tag!.Slug).ToList(),
            Lead = a.LeadImage != null ? a.LeadImage.Url : null,
        }).ToListAsync();
        return rows.Select(r => new ArticleSummary(r.Slug, r.Headline, r.Standfirst, r.Status, r.PublishedAt, r.ScheduledFor, r.UrlDate, r.BodyText,
            string.Join(", ", r.Authors), r.Section, string.Join(", ", r.Tags.Order(StringComparer.Ordinal)), r.Lead)).ToList();
    });

    private sealed record ArticleSummary(
        string Slug, string Headline, string Standfirst, ArticleStatus Status, DateTime? PublishedAt, DateTime? ScheduledFor, DateOnly? UrlDate, string Text,
        string Authors, string? Section, string Tags, string? LeadUrl);
}
