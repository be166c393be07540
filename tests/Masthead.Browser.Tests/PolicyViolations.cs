using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Masthead.Browser.Tests;

/// <summary>
/// Every Content-Security-Policy violation in a browser context, from every page and frame it opens: the
/// securitypolicyviolation events the pages fire, and Chromium's "Refused to ..." console messages as well, for
/// what happens outside a document's reach (a worker, a frame gone before it could report).
/// </summary>
public sealed class PolicyViolations
{
    private const string Listener = """
        window.__policyViolations = [];
        document.addEventListener("securitypolicyviolation", (event) => {
          const violation = `${event.effectiveDirective} refused ${event.blockedURI || "(inline)"} at ${event.sourceFile || location.href}:${event.lineNumber}` +
            (event.sample ? ` sample: ${event.sample}` : "");
          window.__policyViolations.push(violation);
          window.__reportPolicyViolation(violation);
        });
        """;

    private readonly ConcurrentQueue<string> _seen = new();

    private PolicyViolations()
    {
    }

    public IReadOnlyList<string> Seen => [.. _seen];

    public static async Task<PolicyViolations> WatchAsync(IBrowserContext context)
    {
        var violations = new PolicyViolations();
        await context.ExposeFunctionAsync("__reportPolicyViolation", (string violation) => violations._seen.Enqueue(violation));
        await context.AddInitScriptAsync(Listener);
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations._seen.Enqueue($"console: {message.Text}");
            }
        };
        return violations;
    }

    /// <summary>Every violation seen so far, including those <paramref name="page"/>'s document still has queued.</summary>
    public async Task<IReadOnlyList<string>> ReadAsync(IPage page)
    {
        // Violation events are queued as tasks: a turn of the page's event loop delivers those already queued.
        var inPage = await page.EvaluateAsync<string[]>("() => new Promise(resolve => setTimeout(() => resolve(window.__policyViolations ?? []), 0))");
        return [.. _seen.Concat(inPage).Distinct()];
    }

    public async Task AssertNoneAsync(IPage page, string where)
    {
        var seen = await ReadAsync(page);
        Assert.True(seen.Count == 0, $"Content-Security-Policy violations {where}:\n{string.Join("\n", seen)}");
    }
}
