using System.Net;
using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.Media;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Testing;
using Masthead.Tests.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Cli;

/// <summary>`masthead backup` while the site is being written to, and `masthead restore` into an empty data directory.</summary>
public sealed class BackupCommandTests
{
    [Fact]
    public async Task A_backup_taken_while_articles_are_published_restores_with_every_article_and_image_and_never_over_a_site()
    {
        await using var masthead = new MastheadProcess();
        var backup = Path.Combine(masthead.WorkingDirectory, "backup");
        var restored = Path.Combine(masthead.WorkingDirectory, "restored");
        List<int> before;
        int written;
        await using (var server = await MastheadServer.StartAsync())
        {
            before = await server.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.Select(a => a.Id).ToListAsync());
            using var stop = new CancellationTokenSource();
            var first = new TaskCompletionSource();
            var writer = Task.Run(() => PublishUntilAsync(server, first, stop.Token));
            await first.Task;

            var (exitCode, output, error) = await masthead.RunAsync("backup", backup, $"--Masthead:DataDirectory={server.DataDirectory}");

            await stop.CancelAsync();
            written = await writer;
            Assert.Equal((0, ""), (exitCode, error.Trim()));
            Assert.StartsWith("Backed up ", output, StringComparison.Ordinal);
        }

        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(backup, "manifest.json"))).RootElement;
        var inBackup = manifest.GetProperty("counts").GetProperty("articles").GetInt32();
        Assert.InRange(inBackup, before.Count + 1, before.Count + written - 1); // some published before the copy was taken, some after

        var restore = await masthead.RunAsync("restore", backup, $"--Masthead:DataDirectory={restored}");
        Assert.Equal((0, ""), (restore.ExitCode, restore.Error.Trim()));
        Assert.EndsWith($"Start it with: masthead --Masthead:DataDirectory={restored}", restore.Output.Trim(), StringComparison.Ordinal);
        await using (var copy = await MastheadServer.StartAsync(demo: false, dataDirectory: restored))
        {
            var articles = await copy.InScopeAsync(s => s.GetRequiredService<MastheadDb>().Articles.AsNoTracking()
                .Select(a => new { a.Id, a.Slug, a.Headline, a.Status, a.UrlDate, Lead = a.LeadImage != null ? a.LeadImage.Url : null }).ToListAsync());
            Assert.Equal(inBackup, articles.Count);
            Assert.Subset(articles.Select(a => a.Id).ToHashSet(), before.ToHashSet());
            foreach (var article in articles.Where(a => a.Status == ArticleStatus.Published))
            {
                var page = await copy.GetDocumentAsync(ArticleUrls.PathFor(article.UrlDate!.Value, article.Slug));
                Assert.Equal(article.Headline, page.QuerySelector("h1")!.TextContent.Trim());
                foreach (var image in page.QuerySelectorAll("article img").Select(i => i.GetAttribute("src")!).Append(article.Lead).OfType<string>())
                {
                    Assert.Equal(HttpStatusCode.OK, (await copy.Client.GetAsync(image)).StatusCode);
                }
            }

            var media = await copy.InScopeAsync(s => s.GetRequiredService<MastheadDb>().MediaItems.Select(m => new { m.Key, m.Name }).ToListAsync());
            Assert.Equal(manifest.GetProperty("counts").GetProperty("mediaItems").GetInt32(), media.Count);
            foreach (var item in media)
            {
                Assert.Equal(HttpStatusCode.OK, (await copy.Client.GetAsync(MediaAddresses.ItemPath(item.Key, item.Name))).StatusCode);
            }
        }

        var files = Snapshot(restored);
        var again = await masthead.RunAsync("restore", backup, $"--Masthead:DataDirectory={restored}");
        Assert.Equal(1, again.ExitCode);
        Assert.StartsWith($"masthead: {restored} is not empty", again.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was restored.", again.Error, StringComparison.Ordinal);
        Assert.Equal(files, Snapshot(restored));
    }

    [Fact]
    public async Task Backups_and_restores_that_cannot_be_done_say_why_in_one_line()
    {
        await using var masthead = new MastheadProcess();
        var data = Path.Combine(masthead.WorkingDirectory, "data");
        var aFile = Path.Combine(masthead.WorkingDirectory, "a-file");
        await File.WriteAllTextAsync(aFile, "not a directory");
        var empty = Directory.CreateDirectory(Path.Combine(masthead.WorkingDirectory, "empty")).FullName;

        var cases = new (string[] Args, string Said)[]
        {
            (["backup", Path.Combine(masthead.WorkingDirectory, "b1")], $"There is no database at {Path.Combine(data, "masthead.db")}"),
            (["backup", aFile], $"Masthead cannot write a backup into {aFile}"),
            (["restore", Path.Combine(masthead.WorkingDirectory, "missing")], "There is no backup at"),
            (["restore", empty], $"{empty} is not a finished Masthead backup: it has no manifest.json"),
        };
        foreach (var (args, said) in cases)
        {
            var (exitCode, _, error) = await masthead.RunAsync([.. args, $"--Masthead:DataDirectory={data}"]);
            Assert.Equal(1, exitCode);
            Assert.StartsWith($"masthead: {said}", error, StringComparison.Ordinal);
            Assert.Single(error.Trim().Split('\n'));
        }
    }

    /// <summary>Uploads a photo and publishes an article with it, inline and as its lead, again and again until stopped.</summary>
    private static async Task<int> PublishUntilAsync(MastheadServer server, TaskCompletionSource first, CancellationToken stop)
    {
        var count = 0;
        while (!stop.IsCancellationRequested)
        {
            await server.InScopeAsync(async services =>
            {
                var author = await services.GetRequiredService<MastheadDb>().Staff.Where(s => s.Role == NewsroomRole.Reporter).Select(s => s.Id).FirstAsync();
                var photo = await services.GetRequiredService<MediaService>().UploadAsync(Actor.System,
                    new MediaUpload($"harbour-{count}.png", TestImages.Png(640, 400), new MediaDetails(Alt: $"The harbour, picture {count}")));
                var id = await services.GetRequiredService<ArticleService>().CreateAsync(Actor.System, new ArticleInput
                {
                    Headline = $"Harbour report number {count}",
                    BodyMarkdown = $"The tide came in.\n\n![The harbour, picture {count}]({photo.Address})\n\nIt went out again.",
                    AuthorIds = [author],
                    LeadImage = new LeadImageView(photo.Address, photo.Alt, null, null),
                });
                await services.GetRequiredService<PublishingService>().PublishAsync(Actor.System, id, DateTime.UtcNow.AddMinutes(-1));
            });
            count++;
            first.TrySetResult();
        }

        return count;
    }

    private static List<string> Snapshot(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(directory, f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O}")];
}
