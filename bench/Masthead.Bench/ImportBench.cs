using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Masthead.Bench;

/// <param name="Posts">How many posts the generated WordPress export holds (50,000 make about 150 MB).</param>
public sealed record ImportOptions(string Repository, int Posts = 50_000, int Seed = 19, string? Keep = null);

/// <summary>
/// `Masthead.Bench import`: writes a WordPress export of N posts (classic and block content, 40 authors, 30
/// categories, 300 tags, comments), then times `masthead import wordpress` on it as an operator runs it (Release
/// build, a fresh SQLite data directory) and samples the process's peak memory.
/// </summary>
public static class ImportBench
{
    public static async Task<bool> RunAsync(ImportOptions options, CancellationToken cancellationToken)
    {
        var dll = await MastheadServer.BuildAsync(options.Repository, cancellationToken);
        var work = Directory.CreateTempSubdirectory("masthead-import-bench-").FullName;
        try
        {
            var file = options.Keep ?? Path.Combine(work, "export.xml");
            if (!File.Exists(file))
            {
                var written = Stopwatch.StartNew();
                await WriteAsync(file, options.Posts, options.Seed, cancellationToken);
                var megabytes = new FileInfo(file).Length / 1048576.0;
                Console.WriteLine($"Wrote {options.Posts:N0} posts, {megabytes:N1} MB, in {written.Elapsed.TotalSeconds:N1} s: {file}");
            }

            Console.WriteLine($"Machine: {MachineInfo.Describe}; load average before: {MachineInfo.LoadAverage}");
            var data = $"--Masthead:DataDirectory={Path.Combine(work, "data")}";
            var start = new ProcessStartInfo("dotnet", [dll, "import", "wordpress", file, data])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            await using var rss = new PeakRssSampler(process.Id);
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            clock.Stop();
            var report = await output;
            var counts = report.Split('\n').Where(l => l.StartsWith("Articles", StringComparison.Ordinal) || l.StartsWith("Sections", StringComparison.Ordinal));
            Console.WriteLine(string.Join('\n', counts));
            Console.WriteLine($"Exit code {process.ExitCode}{(process.ExitCode == 0 ? "" : ": " + await error)}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Imported {options.Posts:N0} posts in {clock.Elapsed.TotalSeconds:N1} s ({options.Posts / clock.Elapsed.TotalSeconds:N0} a second); " +
                $"peak memory {rss.PeakBytes / 1048576.0:N0} MB"));
            Console.WriteLine($"Load average after: {MachineInfo.LoadAverage}");
            return process.ExitCode == 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>A WXR file like a busy newsroom's: posts of about 2,500 characters, a third of them written in blocks.</summary>
    public static async Task WriteAsync(string path, int posts, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        await using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        await file.WriteLineAsync("""
            <?xml version="1.0" encoding="UTF-8" ?>
            <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
                 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
            <channel><title>The Bench Herald</title><link>https://herald.example</link>
            <wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://herald.example</wp:base_site_url><wp:base_blog_url>https://herald.example</wp:base_blog_url>
            """);
        for (var a = 0; a < 40; a++)
        {
            await file.WriteLineAsync(
                $"<wp:author><wp:author_login>writer{a}</wp:author_login><wp:author_display_name><![CDATA[{Name(a)}]]></wp:author_display_name></wp:author>");
        }

        for (var c = 0; c < 30; c++)
        {
            await file.WriteLineAsync($"<wp:category><wp:category_nicename>desk-{c}</wp:category_nicename><wp:cat_name><![CDATA[Desk {c}]]></wp:cat_name></wp:category>");
        }

        var text = new StringBuilder();
        for (var p = 1; p <= posts; p++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            text.Clear();
            var blocks = p % 3 == 0;
            for (var paragraph = 0; paragraph < 6; paragraph++)
            {
                var words = string.Join(' ', Enumerable.Range(0, 60).Select(_ => Words[random.Next(Words.Length)]));
                var link = $"<a href=\"https://herald.example/2019/01/story-{random.Next(p)}/\">the report</a>";
                text.Append(blocks
                    ? $"<!-- wp:paragraph -->\n<p>{words}, <strong>said</strong> {link}.</p>\n<!-- /wp:paragraph -->\n\n"
                    : $"{words}, <em>said</em> the report.\n\n");
                if (paragraph == 2)
                {
                    text.Append(blocks ? "<!-- wp:heading -->\n<h2>What happens next</h2>\n<!-- /wp:heading -->\n\n" : "<h2>What happens next</h2>\n\n");
                }
            }

            var date = new DateTime(2012, 1, 1).AddMinutes(p * 97L % 6_000_000);
            var status = p % 50 == 0 ? "draft" : "publish";
            await file.WriteAsync($"""
                <item><title>Story {p}: {Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} in the harbour</title>
                <link>https://herald.example/{date:yyyy}/{date:MM}/story-{p}/</link><dc:creator><![CDATA[writer{p % 40}]]></dc:creator>
                <content:encoded><![CDATA[{text}]]></content:encoded><excerpt:encoded><![CDATA[The short version of story {p}.]]></excerpt:encoded>
                <wp:post_id>{p}</wp:post_id><wp:post_date_gmt>{date:yyyy-MM-dd HH:mm:ss}</wp:post_date_gmt><wp:post_name>story-{p}</wp:post_name>
                <wp:status>{status}</wp:status><wp:post_type>post</wp:post_type>
                <category domain="category" nicename="desk-{p % 30}"><![CDATA[Desk {p % 30}]]></category>
                <category domain="post_tag" nicename="topic-{p % 300}"><![CDATA[Topic {p % 300}]]></category>
                <category domain="post_tag" nicename="topic-{(p * 7) % 300}"><![CDATA[Topic {(p * 7) % 300}]]></category>
                <wp:comment><wp:comment_id>{p}</wp:comment_id><wp:comment_content><![CDATA[Well said.]]></wp:comment_content></wp:comment>
                </item>

                """);
        }

        await file.WriteLineAsync("</channel></rss>");
    }

    private static string Name(int a) =>
        $"{FirstNames[a % FirstNames.Length]} {LastNames[a / FirstNames.Length % LastNames.Length]}{(a >= FirstNames.Length * LastNames.Length ? a : "")}";

    private static readonly string[] FirstNames = ["Ada", "Bram", "Cleo", "Dev", "Esme", "Finn", "Gita", "Hugo"];
    private static readonly string[] LastNames = ["Marsh", "Thorne", "Quill", "Barrow", "Lind"];

    private static readonly string[] Words =
    [
        "council", "harbour", "ferry", "budget", "vote", "residents", "school", "market", "the", "a", "of", "and", "to", "in", "said", "would", "new",
        "plan", "city", "water", "street", "night", "police", "court", "mayor", "report", "years", "people", "week", "public", "hearing", "funding",
    ];
}
