namespace Masthead.Bench;

/// <summary>The issue's targets for this two-core machine (load generator on the same machine), each met or not, with the figure.</summary>
public static class SuiteTargets
{
    public static IEnumerable<string> Check(SuiteReport report, SuiteOptions options)
    {
        var baseline = report.Result("baseline")?.Load;
        if (report.Result("article")?.Load is { } article && baseline is not null)
        {
            var share = article.RequestsPerSecond / baseline.RequestsPerSecond;
            yield return Line(share >= 0.6, "article page from the output cache at least 60 % of the bare-Kestrel baseline's req/s",
                $"{100 * share:N0} %: {article.RequestsPerSecond:N0} of {baseline.RequestsPerSecond:N0} req/s");
        }

        if (report.Result("rss")?.Load is { } feed && report.Result("baseline-rss")?.Load is { } bareFeed)
        {
            var share = feed.RequestsPerSecond / bareFeed.RequestsPerSecond;
            yield return Line(share >= 0.6, "RSS feed from the output cache at least 60 % of a bare Kestrel serving the same bytes",
                $"{100 * share:N0} %: {feed.RequestsPerSecond:N0} of {bareFeed.RequestsPerSecond:N0} req/s");
        }

        if (report.Result("article-uncached")?.Load is { } rendered)
        {
            yield return Line(rendered.RequestsPerSecond >= 3_000 && rendered.P99Ms < 20,
                $"article page rendered with no cache at least 3,000 req/s with p99 under 20 ms (target on 10,000 articles; this run {options.Articles:N0})",
                $"{rendered.RequestsPerSecond:N0} req/s, p99 {rendered.P99Ms:N1} ms");
        }

        if (report.Result("content-api")?.Load is { } api)
        {
            yield return Line(api.RequestsPerSecond >= 2_000, "Content API list (15 posts, include=authors,tags, no cache) at least 2,000 req/s",
                $"{api.RequestsPerSecond:N0} req/s");
        }

        if (report.Result("front-uncached")?.Load is { } front)
        {
            yield return Line(front.RequestsPerSecond >= 2_000, "front page with no cache at least 2,000 req/s", $"{front.RequestsPerSecond:N0} req/s");
        }

        if (report.Result("search-api")?.Load is { } search)
        {
            yield return Line(search.P95Ms < 20, $"search p95 under 20 ms (target on 100,000 articles; this run {options.Articles:N0}, {options.SearchConnections} connections)",
                $"p95 {search.P95Ms:N1} ms");
        }

        if (report.Publish is { } publish)
        {
            var worst = publish.VisibleMs.Values.SelectMany(v => v).Select(v => v ?? double.PositiveInfinity).DefaultIfEmpty(double.PositiveInfinity).Max();
            yield return Line(worst < PublishToVisible.TargetMs, "publish-to-visible under 1 s on every surface (article URL, front page, feed)",
                double.IsInfinity(worst) ? "a surface never showed it within 10 s" : $"slowest {worst:N0} ms");
        }

        if (report.Servers.TryGetValue(ServerKind.Cached, out var cached))
        {
            yield return Line(cached.StartupTime < TimeSpan.FromSeconds(2), "start-up to the first answered request under 2 s on an existing database",
                $"{cached.StartupTime.TotalSeconds:N2} s");
            yield return Line(cached.RssAfterStart < 150 * 1048576L, "memory at rest under 150 MB", $"{SuiteReport.Mb(cached.RssAfterStart)} after start" +
                (cached.RssAfterRun is { } after ? $", {SuiteReport.Mb(after)} after the load" : ""));
        }

        if (report.Images is { } images)
        {
            yield return Line(images.AllVariantsMs.Max() <= ImagesBench.TargetMs, "a 12-megapixel JPEG upload: every variant ready within 1.5 s of the upload's start",
                $"slowest of {images.AllVariantsMs.Count} {images.AllVariantsMs.Max():N0} ms");
            yield return Line(images.PeakGrowth < ImagesBench.TargetGrowthBytes, "four such uploads at once: peak memory growth under 250 MB",
                $"{SuiteReport.Mb(images.PeakGrowth)}");
        }

        if (report.Result("image-variant")?.Load is { } variant && report.Result("baseline-image")?.Load is { } bare)
        {
            var share = variant.RequestsPerSecond / bare.RequestsPerSecond;
            yield return Line(share >= 0.5, "serving a variant from disk at least 50 % of a bare Kestrel serving the same bytes",
                $"{100 * share:N0} %: {variant.RequestsPerSecond:N0} of {bare.RequestsPerSecond:N0} req/s");
        }

        if (report.Live is { } live)
        {
            yield return Line(live.DeliveryP99Ms < LiveFanOut.TargetP99Ms && live.Succeeded,
                $"live fan-out delivery p99 under {LiveFanOut.TargetP99Ms:N0} ms, nothing missed ({options.Readers:N0} readers)",
                $"p99 {live.DeliveryP99Ms:N1} ms, {live.Deliveries.Missed} missed");
        }
    }

    private static string Line(bool met, string target, string figure) => $"{(met ? "met" : "NOT met")}: {target}: {figure}";
}
