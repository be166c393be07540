using System.Diagnostics;
using Masthead.Core;
using Masthead.Core.Articles;
using Masthead.Core.Text;

namespace Masthead.Bench;

public sealed record MarkdownOptions(string Repository, int Repeats = 5, bool Http = true)
{
    /// <summary>Search only the families whose names contain one of these; all when empty.</summary>
    public IReadOnlyList<string> Families { get; init; } = [];

    public IReadOnlyList<string> ServerEnvironment { get; init; } = [];
}

/// <summary>
/// `markdown`: the worst Markdown found at an article body's longest length. Searches every family of
/// <see cref="MarkdownCorpus"/> over a grid of densities through <see cref="MarkdownRenderer"/> in this process, then
/// narrows in on the costliest text the renderer accepts; measures it, the costliest refusal and an ordinary long
/// article, and the same three through a Masthead server's preview over HTTP.
/// </summary>
public static class MarkdownBench
{
    public const double TargetMs = 200;
    private const int HttpWarmUp = 40;

    /// <summary>
    /// Unmeasured requests of each text before it is measured: the hostile texts take code paths an ordinary article
    /// never does, which the server's tiered JIT recompiles only after some dozens of calls.
    /// </summary>
    private const int TextWarmUp = 30;

    public static async Task<bool> RunAsync(MarkdownOptions options, CancellationToken cancellationToken)
    {
        var length = Article.MaxBodyLength;
        var renderer = new MarkdownRenderer();
        Console.WriteLine($"Machine: {MachineInfo.Describe}");
        Console.WriteLine($"Load average before: {MachineInfo.LoadAverage}");
        var ordinaryText = MarkdownCorpus.Ordinary(options.Repository, length);
        for (var i = 0; i < 20; i++)
        {
            Measure(renderer, ordinaryText, 1); // the tiered JIT settles on the renderer's hot paths
        }

        var families = MarkdownCorpus.Families
            .Where(f => options.Families.Count == 0 || options.Families.Any(name => f.Name.Contains(name, StringComparison.OrdinalIgnoreCase))).ToList();
        Console.WriteLine($"Searching {families.Count} families at {length:N0} characters ...");
        var worst = new List<(MarkdownFamily Family, Candidate Accepted, Candidate? Refused)>();
        foreach (var family in families)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (accepted, refused) = Search(renderer, family, length);
            worst.Add((family, Remeasure(renderer, accepted, options.Repeats), refused is null ? null : Remeasure(renderer, refused, options.Repeats)));
        }

        var ordinary = Remeasure(renderer, new Candidate(ordinaryText, 0, 0, Measure(renderer, ordinaryText, 1)), options.Repeats);
        Report(worst, ordinary, length);
        var costliest = worst.MaxBy(w => w.Accepted.Result.CpuMs);
        var slowestRefusal = worst.Where(w => w.Refused is not null).MaxBy(w => w.Refused!.Result.CpuMs);
        if (slowestRefusal.Refused is null)
        {
            throw new BenchException("No text of the families searched was refused; search more of them.");
        }

        Console.WriteLine($"Load average after: {MachineInfo.LoadAverage}");
        var met = costliest.Accepted.Result.CpuMs < TargetMs && costliest.Accepted.Result.WallMs < TargetMs;
        Console.WriteLine($"Target: the costliest accepted text renders in under {TargetMs} ms: {(met ? "met" : "NOT met")} " +
            $"({costliest.Family.Name}, k={costliest.Accepted.K}, p={costliest.Accepted.P}: " +
            $"{costliest.Accepted.Result.CpuMs:N1} ms CPU, {costliest.Accepted.Result.WallMs:N1} ms).");

        if (options.Http)
        {
            met &= await OverHttpAsync(options,
            [
                ("ordinary article", ordinary.Text),
                ($"costliest accepted ({costliest.Family.Name})", costliest.Accepted.Text),
                ($"costliest refused ({slowestRefusal.Family.Name})", slowestRefusal.Refused!.Text),
                ("`[a](` repeated (the audit's 44 s save)", string.Concat(Enumerable.Repeat("[a](", length / 4))),
            ], cancellationToken);
        }

        return met;
    }

    /// <summary>
    /// A grid of k (1, 2, 4 ... 65,536 pieces a paragraph) by p (1, 4, 16 ... paragraphs), then a few rounds of
    /// hill-climbing from the costliest accepted point; returns it and the costliest refusal.
    /// </summary>
    private static (Candidate Accepted, Candidate? Refused) Search(MarkdownRenderer renderer, MarkdownFamily family, int length)
    {
        Candidate? accepted = null, refused = null;
        var tried = new HashSet<(int, int)>();
        void Try(int k, int p)
        {
            if (k < 1 || p < 1 || (long)k * p > 2L * length || !tried.Add((k, p)))
            {
                return;
            }

            var text = MarkdownCorpus.Text(family, k, p, length);
            var candidate = new Candidate(text, k, p, Measure(renderer, text, 1));
            if (candidate.Result.Refusal is null)
            {
                accepted = Costlier(accepted, candidate);
            }
            else
            {
                refused = Costlier(refused, candidate);
            }
        }

        for (var k = 1; k <= 65_536; k *= 2)
        {
            for (var p = 1; p <= 65_536; p *= 4)
            {
                Try(k, p);
            }
        }

        for (var round = 0; round < 3 && accepted is not null; round++)
        {
            var (k, p) = (accepted.K, accepted.P);
            foreach (var (dk, dp) in new[] { (1.4, 1.0), (0.7, 1.0), (1.0, 1.4), (1.0, 0.7), (1.2, 1.2), (0.8, 0.8), (1.4, 0.7), (0.7, 1.4) })
            {
                Try((int)Math.Round(k * dk), (int)Math.Round(p * dp));
            }
        }

        return (accepted ?? throw new BenchException($"{family.Name}: not even one piece was accepted."), refused);
    }

    private static Candidate Costlier(Candidate? best, Candidate candidate) =>
        best is null || candidate.Result.CpuMs > best.Result.CpuMs ? candidate : best;

    private static Candidate Remeasure(MarkdownRenderer renderer, Candidate candidate, int repeats) =>
        candidate with { Result = Measure(renderer, candidate.Text, repeats) };

    /// <summary>The least CPU time and wall time of <paramref name="repeats"/> renders: the render's own cost, with the least noise from the other work on the machine.</summary>
    private static Result Measure(MarkdownRenderer renderer, string text, int repeats)
    {
        double cpu = double.MaxValue, wall = double.MaxValue;
        string? refusal = null;
        for (var i = 0; i < repeats; i++)
        {
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var started = Stopwatch.GetTimestamp();
            try
            {
                renderer.Render(text, text.Length, "Body");
            }
            catch (ValidationException refused)
            {
                refusal = refused.Problems["Body"];
            }

            wall = Math.Min(wall, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            cpu = Math.Min(cpu, (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds);
        }

        return new Result(cpu, wall, refusal);
    }

    private static void Report(List<(MarkdownFamily Family, Candidate Accepted, Candidate? Refused)> worst, Candidate ordinary, int length)
    {
        Console.WriteLine();
        Console.WriteLine($"In process, MarkdownRenderer.Render at {length:N0} characters; least of the repeats, CPU time of the process and wall time:");
        Console.WriteLine($"| {"family",-28} | {"hostile part",-52} | {"k",6} | {"p",6} | {"accepted CPU ms",15} | {"wall ms",8} | {"refused CPU ms",14} |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var (family, accepted, refused) in worst.OrderByDescending(w => w.Accepted.Result.CpuMs))
        {
            Console.WriteLine($"| {family.Name,-28} | {family.Shows,-52} | {accepted.K,6} | {accepted.P,6} | {accepted.Result.CpuMs,15:N1} | {accepted.Result.WallMs,8:N1} | " +
                $"{(refused is null ? "-" : refused.Result.CpuMs.ToString("N1")),14} |");
        }

        Console.WriteLine($"| {"ordinary article",-28} | {"the demo's articles, one after another",-52} | {"",6} | {"",6} | {ordinary.Result.CpuMs,15:N1} | " +
            $"{ordinary.Result.WallMs,8:N1} | {"",14} |");
    }

    private static async Task<bool> OverHttpAsync(MarkdownOptions options, (string Name, string Text)[] texts, CancellationToken cancellationToken)
    {
        var dll = await MastheadServer.BuildAsync(options.Repository, cancellationToken);
        using var server = await MastheadServer.StartAsync(dll, options.ServerEnvironment, cancellationToken);
        using var newsroom = new Newsroom(server.BaseAddress);
        await newsroom.SignInAsDemoEditorAsync(cancellationToken);
        for (var i = 0; i < HttpWarmUp; i++)
        {
            await newsroom.PreviewAsync(texts[0].Text, cancellationToken); // until the server's JIT has compiled the request path
        }

        Console.WriteLine();
        Console.WriteLine($"Over HTTP: POST /newsroom/articles/new?handler=Preview (what the editor's script sends) to a Masthead server (Release, PID {server.Pid}), " +
            $"{HttpWarmUp} unmeasured requests first, then each text {TextWarmUp} times unmeasured and {options.Repeats} times measured:");
        Console.WriteLine($"| {"text",-52} | {"answer",-60} | {"p50 ms",7} | {"max ms",7} | {"server CPU ms",13} |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        var met = true;
        foreach (var (name, text) in texts)
        {
            string? refusal = null;
            for (var i = 0; i < TextWarmUp; i++)
            {
                (_, refusal) = await newsroom.PreviewAsync(text, cancellationToken);
            }

            var timings = new List<double>();
            var cpu = server.CpuTime();
            for (var i = 0; i < options.Repeats; i++)
            {
                timings.Add((await newsroom.PreviewAsync(text, cancellationToken)).Elapsed.TotalMilliseconds);
            }

            var perRequest = (server.CpuTime() - cpu).Total.TotalMilliseconds / options.Repeats;
            var answer = refusal is null ? "rendered" : "refused: " + refusal[..Math.Min(refusal.Length, 51)];
            Console.WriteLine($"| {name,-52} | {answer,-60} | {timings.Percentile(50),7:N1} | {timings.Max(),7:N1} | {perRequest,13:N1} |");
            met &= timings.Percentile(50) < TargetMs;
        }

        return met;
    }

    private sealed record Candidate(string Text, int K, int P, Result Result);

    private sealed record Result(double CpuMs, double WallMs, string? Refusal);
}
