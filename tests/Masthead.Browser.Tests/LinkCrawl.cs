using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>
/// Opens one page of each kind a person can reach by following links from a start page, in the same browser tab:
/// one article editor rather than all of them, and new kinds of page as soon as something links to them.
/// </summary>
public static class LinkCrawl
{
    /// <param name="kindOf">The kind of page a same-site address leads to, or null for one not to open.</param>
    /// <param name="visit">Called on each page once it has loaded.</param>
    /// <returns>The addresses opened, in order.</returns>
    public static async Task<IReadOnlyList<string>> VisitEachKindAsync(IPage page, string start, Func<string, string?> kindOf, Func<string, Task> visit)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { kindOf(start) ?? start };
        var queue = new Queue<string>([start]);
        var visited = new List<string>();
        while (queue.TryDequeue(out var path))
        {
            var response = await page.GotoAsync(path);
            Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status}.");
            visited.Add(path);
            await visit(path);
            var hrefs = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => a.href)");
            foreach (var href in hrefs)
            {
                var target = new Uri(href);
                if (target.Scheme is not ("http" or "https") || target.Authority != new Uri(page.Url).Authority)
                {
                    continue;
                }

                var local = target.PathAndQuery;
                if (kindOf(local) is { } kind && seen.Add(kind))
                {
                    queue.Enqueue(local);
                }
            }
        }

        return visited;
    }
}
