namespace Masthead.Bench;

/// <summary>The suite's throughput scenarios: what each one requests, from which server, and what its answer must contain.</summary>
public static class SuiteScenarios
{
    /// <summary>How many different articles article-uncached cycles through.</summary>
    public const int UncachedArticles = 1_000;

    /// <summary>Queries of each of the four kinds in search-api's mix.</summary>
    private const int QueriesPerKind = 100;

    public static async Task<Dictionary<string, Scenario>> BuildAsync(SuiteData data, SuiteOptions options, CancellationToken cancellationToken)
    {
        var articles = await data.SampleArticlesAsync(UncachedArticles, options.Seed, cancellationToken);
        if (articles.Count == 0)
        {
            throw new BenchException("The database holds no generated articles.");
        }

        // The headline is looked for in the page, so it must read the same HTML-encoded: letters a-z only.
        var article = articles.FirstOrDefault(a => a.Headline.All(char.IsAscii)) ?? articles[0];
        var (sectionSlug, sectionName) = await data.BusiestSectionAsync(cancellationToken);
        var connections = options.Connections;
        Scenario[] scenarios =
        [
            new("baseline", ServerKind.Baseline, [article.Path], article.Headline, connections),
            new("front", ServerKind.Cached, ["/"], "</html>", connections),
            new("article", ServerKind.Cached, [article.Path], article.Headline, connections),
            new("section", ServerKind.Cached, [$"/section/{sectionSlug}"], $"<title>{sectionName} - ", connections),
            new("rss", ServerKind.Cached, ["/feed.xml"], "<rss", connections),
            new("front-uncached", ServerKind.Uncached, ["/"], "</html>", connections),
            new("article-uncached", ServerKind.Uncached, [.. articles.Select(a => a.Path)], "<article class=\"article\">", connections),
            new("content-api", ServerKind.Uncached, [$"/ghost/api/content/posts/?key={data.Seed.ApiKey}&limit=15&include=authors,tags"], "\"posts\":[", connections),
            new("search-api", ServerKind.Uncached, await SearchPathsAsync(data, options, cancellationToken), "\"results\":", options.SearchConnections),
        ];
        return scenarios.ToDictionary(s => s.Name);
    }

    /// <summary>
    /// GET /api/search over a shuffled mix of what readers type: rare words (vocabulary rank 20,000 and beyond),
    /// common words (rank 10 to 150), two words (one mid-frequency, one common) and quoted three-word phrases from
    /// random articles (with at least one word outside the 100 most common).
    /// </summary>
    private static async Task<List<string>> SearchPathsAsync(SuiteData data, SuiteOptions options, CancellationToken cancellationToken)
    {
        var words = ZipfText.BuildVocabulary(options.Repository, options.Seed);
        var common = words.Take(100).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var phrases = await SearchCorpus.SamplePhrasesAsync(data.DatabasePath, QueriesPerKind, options.Seed,
            run => run.Any(word => !common.Contains(word)), cancellationToken);
        var random = new Random(options.Seed + 2);
        string Between(int from, int to) => words[random.Next(from, Math.Min(to, words.Count))];
        var queries = new List<string>();
        for (var i = 0; i < QueriesPerKind; i++)
        {
            queries.Add(Between(20_000, words.Count));
            queries.Add(Between(10, 150));
            queries.Add($"{Between(200, 3_000)} {Between(20, 500)}");
            queries.Add($"\"{phrases[i]}\"");
        }

        return [.. queries.OrderBy(_ => random.Next()).Select(q => $"/api/search?q={Uri.EscapeDataString(q)}")];
    }
}
