using System.Text.Json;
using Masthead.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace Masthead.Bench;

/// <summary>What a seeded data directory holds besides the demo: the generated articles and a Content API key.</summary>
public sealed record SeedInfo(int Articles, int Seed, int FirstArticleId, int LastArticleId, string ApiKey);

/// <summary>A published article the scenarios request: its canonical path and its headline.</summary>
public sealed record ArticleRef(string Path, string Headline);

/// <summary>
/// The suite's data directory: the demo publication (created by the server on its first run) plus generated
/// articles and a Content API key. With --data DIR the seeded directory is kept in DIR and reused when it holds the
/// same number of articles; each run works on a copy of it, so every run starts from the same data.
/// </summary>
public sealed class SuiteData(string dataDirectory, SeedInfo seed)
{
    private const string InfoFile = "bench-seed.json";

    public string DataDirectory { get; } = dataDirectory;
    public SeedInfo Seed { get; } = seed;
    public string DatabasePath => Path.Combine(DataDirectory, SqliteStorage.FileName);

    public static async Task<SuiteData> PrepareAsync(string dll, SuiteOptions options, string workFolder, CancellationToken cancellationToken)
    {
        var work = Path.Combine(workFolder, "data");
        if (options.DataDirectory is not { } kept)
        {
            return new SuiteData(work, await SeedAsync(dll, workFolder, options, cancellationToken));
        }

        var infoPath = Path.Combine(kept, InfoFile);
        var info = File.Exists(infoPath) ? JsonSerializer.Deserialize<SeedInfo>(await File.ReadAllTextAsync(infoPath, cancellationToken)) : null;
        if (info is not null && info.Articles == options.Articles && info.Seed == options.Seed && Directory.Exists(Path.Combine(kept, "data")))
        {
            Console.WriteLine($"Reusing the seeded data in {kept} ({info.Articles:N0} generated articles).");
        }
        else
        {
            var seeding = Path.Combine(kept, "seeding");
            if (Directory.Exists(kept) && Directory.EnumerateFileSystemEntries(kept).Any() && info is null && !Directory.Exists(seeding))
            {
                throw new BenchException($"--data {kept} holds files the suite did not make; give it a new or empty folder.");
            }

            foreach (var stale in new[] { Path.Combine(kept, "data"), seeding }.Where(Directory.Exists))
            {
                Directory.Delete(stale, recursive: true);
            }

            if (File.Exists(infoPath))
            {
                File.Delete(infoPath);
            }

            info = await SeedAsync(dll, seeding, options, cancellationToken);
            Directory.Move(Path.Combine(seeding, "data"), Path.Combine(kept, "data"));
            Directory.Delete(seeding, recursive: true);
            await File.WriteAllTextAsync(infoPath, JsonSerializer.Serialize(info), cancellationToken);
        }

        CopyDirectory(Path.Combine(kept, "data"), work);
        return new SuiteData(work, info);
    }

    /// <summary><paramref name="count"/> generated articles, spread over the whole archive, the same ones for the same seed.</summary>
    public async Task<List<ArticleRef>> SampleArticlesAsync(int count, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(Seed.FirstArticleId, Seed.LastArticleId - Seed.FirstArticleId + 1).OrderBy(_ => random.Next()).Take(count);
        await using var connection = await OpenAsync(cancellationToken);
        var articles = new List<ArticleRef>();
        foreach (var id in ids)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "UrlDate", "Slug", "Headline" FROM "Articles" WHERE "Id" = $id AND "Status" = 'Published'""";
            command.Parameters.AddWithValue("$id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                articles.Add(new($"/{reader.GetString(0).Replace('-', '/')}/{reader.GetString(1)}", reader.GetString(2)));
            }
        }

        return articles;
    }

    /// <summary>The section with the most published articles: its slug and name.</summary>
    public async Task<(string Slug, string Name)> BusiestSectionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s."Slug", s."Name" FROM "Sections" AS s JOIN "Articles" AS a ON a."SectionId" = s."Id"
            WHERE a."Status" = 'Published' GROUP BY s."Id" ORDER BY count(*) DESC LIMIT 1
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : throw new BenchException("The database has no sections.");
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Lets the server create the demo publication in root/data, then appends the generated articles and creates a key.</summary>
    private static async Task<SeedInfo> SeedAsync(string dll, string root, SuiteOptions options, CancellationToken cancellationToken)
    {
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        Console.WriteLine($"Creating the demo publication in {data} (the server's first run) ...");
        var server = await MastheadServer.StartAsync(dll, options.ServerEnvironment, cancellationToken, data);
        await server.StopAsync();

        Console.WriteLine($"Generating {options.Articles:N0} articles ...");
        var random = new Random(options.Seed);
        var text = new ZipfText(ZipfText.BuildVocabulary(options.Repository, options.Seed), random);
        var (first, last) = await ArticleSeeder.AppendAsync(Path.Combine(data, SqliteStorage.FileName), options.Articles, text, random, cancellationToken);
        SqliteConnection.ClearAllPools();
        return new SeedInfo(options.Articles, options.Seed, first, last, await CreateApiKeyAsync(dll, root, data, cancellationToken));
    }

    /// <summary>Runs `masthead key add --name bench` on the data directory; the key is the last line it prints.</summary>
    private static async Task<string> CreateApiKeyAsync(string dll, string workingDirectory, string data, CancellationToken cancellationToken)
    {
        var output = await RunCommandAsync(dll, ["key", "add", "--name", "bench", $"--Masthead:DataDirectory={data}"], new Dictionary<string, string>(), workingDirectory,
            cancellationToken);
        var key = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return key is { Length: >= 16 } && key.All(char.IsAsciiLetterOrDigit) ? key : throw new BenchException($"`masthead key add` printed no key:\n{output}");
    }

    /// <summary>Runs a `masthead` command to its end in Production, with more environment; its output, or an error with it when it failed.</summary>
    public static Task<string> RunCommandAsync(string dll, string[] arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory,
        CancellationToken cancellationToken) =>
        ChildProcess.RunAsync("dotnet", [dll, .. arguments], new Dictionary<string, string>(environment) { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            workingDirectory, cancellationToken);

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        foreach (var folder in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, folder)));
        }
    }
}
