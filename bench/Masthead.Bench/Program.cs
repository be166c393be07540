using System.Globalization;
using System.Runtime.InteropServices;
using Masthead.Bench;

// Masthead benchmarks (see bench/README.md). With no arguments, or scenario names and options, the suite:
//   Masthead.Bench [scenario...] [--articles N] [--connections C] [--duration S] [--warmup S] [--threads T] [--load wrk|builtin] ...
// With `live` or `search` as the first argument, the older single-scenario modes:
//   Masthead.Bench live [--readers N] [--updates N] [--interval-ms MS] [--warm-updates N] [--connect-concurrency N] [--stream story|site] [--csv FILE] [--repo DIR]
//                       [--server-env NAME=VALUE]...
//   Masthead.Bench search [--articles N] [--queries-per-kind N] [--seed N] [--data DIR] [--no-http] [--repo DIR]
//   Masthead.Bench markdown [--repeats N] [--family NAME]... [--no-http] [--repo DIR] [--server-env NAME=VALUE]...
//   Masthead.Bench import [--posts 50000] [--keep FILE] [--repo DIR]
//   Masthead.Bench mail [--requests N] [--rounds N] [--messages N] [--baseline-repo DIR] [--repo DIR] [--server-env NAME=VALUE]...
//   Masthead.Bench newsletter [--subscribers N] [--rate N] [--connections C] [--window S] [--load wrk|builtin] [--data DIR] [--repo DIR] [--server-env NAME=VALUE]...
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const string LiveUsage = "usage: Masthead.Bench live [--readers 5000] [--updates 50] [--interval-ms 200] [--warm-updates 20] [--connect-concurrency 200] "
    + "[--stream story|site] [--csv FILE] [--repo DIR] [--server-env NAME=VALUE]...";
const string SearchUsage = "usage: Masthead.Bench search [--articles 100000] [--queries-per-kind 50] [--seed 7] [--data DIR] [--no-http] [--repo DIR]";
const string MarkdownUsage = "usage: Masthead.Bench markdown [--repeats 5] [--family NAME]... [--no-http] [--repo DIR] [--server-env NAME=VALUE]...";
const string MailUsage = "usage: Masthead.Bench mail [--requests 300] [--rounds 5] [--messages 1000] [--baseline-repo DIR] [--repo DIR] [--server-env NAME=VALUE]...";
const string NewsletterUsage = "usage: Masthead.Bench newsletter [--subscribers 10000] [--rate 1000] [--connections 16] [--window 2] [--load wrk|builtin] [--data NEW-DIR] "
    + "[--repo DIR] [--server-env NAME=VALUE]...";
if (args is [BareKestrel.Mode, .. var serverArgs])
{
    return await BareKestrel.RunAsync(serverArgs); // the suite's baseline, a child process of the suite
}

var help = args is ["-h" or "--help", ..];
if (help || (args is ["live", .. var liveArgs] && liveArgs.Length % 2 != 0))
{
    Console.Error.WriteLine(SuiteOptions.Usage);
    Console.Error.WriteLine(LiveUsage);
    Console.Error.WriteLine(SearchUsage);
    Console.Error.WriteLine(MarkdownUsage);
    Console.Error.WriteLine(MailUsage);
    Console.Error.WriteLine(NewsletterUsage);
    return help ? 0 : 2;
}

var scenario = args is [("live" or "search" or "markdown" or "mail" or "newsletter" or "import") and var mode, ..] ? mode : "suite";
var rest = scenario == "suite" ? args : args[1..];

// Ctrl+C, SIGTERM or SIGHUP cancel the run; the server is killed as the run unwinds.
using var cancel = new CancellationTokenSource();
PosixSignalRegistration[] signals = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }
    .Select(signal => PosixSignalRegistration.Create(signal, context => { context.Cancel = true; cancel.Cancel(); }))];
try
{
    if (scenario == "suite")
    {
        var command = string.Join(' ', ["dotnet run -c Release --project bench/Masthead.Bench --", .. args.Select(a => a.Contains(' ') ? $"'{a}'" : a)]);
        await Suite.RunAsync(SuiteOptions.Parse(args, FindRepository), command, cancel.Token);
        return 0;
    }

    if (scenario == "markdown")
    {
        return await MarkdownBench.RunAsync(MarkdownOptionsFrom(rest), cancel.Token) ? 0 : 1;
    }

    if (scenario == "import")
    {
        var import = new ImportOptions(FindRepository());
        for (var i = 0; i + 1 < rest.Length; i += 2)
        {
            import = rest[i] switch
            {
                "--posts" => import with { Posts = int.Parse(rest[i + 1], CultureInfo.InvariantCulture) },
                "--keep" => import with { Keep = Path.GetFullPath(rest[i + 1]) },
                "--repo" => import with { Repository = Path.GetFullPath(rest[i + 1]) },
                _ => throw new ArgumentException($"Unknown option {rest[i]}."),
            };
        }

        return await ImportBench.RunAsync(import, cancel.Token) ? 0 : 1;
    }

    if (scenario == "mail")
    {
        return await MailBench.RunAsync(MailOptionsFrom(rest), cancel.Token) ? 0 : 1;
    }

    if (scenario == "newsletter")
    {
        return await NewsletterBench.RunAsync(NewsletterOptionsFrom(rest), cancel.Token) ? 0 : 1;
    }

    if (scenario == "search")
    {
        return await SearchBench.RunAsync(SearchOptionsFrom(rest), cancel.Token) ? 0 : 1;
    }

    var options = new LiveOptions(FindRepository());
    for (var i = 0; i < rest.Length; i += 2)
    {
        options = rest[i] switch
        {
            "--readers" => options with { Readers = int.Parse(rest[i + 1], CultureInfo.InvariantCulture) },
            "--updates" => options with { Updates = int.Parse(rest[i + 1], CultureInfo.InvariantCulture) },
            "--interval-ms" => options with { IntervalMs = int.Parse(rest[i + 1], CultureInfo.InvariantCulture) },
            "--warm-updates" => options with { WarmUpdates = int.Parse(rest[i + 1], CultureInfo.InvariantCulture) },
            "--connect-concurrency" => options with { ConnectConcurrency = int.Parse(rest[i + 1], CultureInfo.InvariantCulture) },
            "--stream" when rest[i + 1] is "story" or "site" => options with { Banner = rest[i + 1] == "site" },
            "--csv" => options with { CsvPath = Path.GetFullPath(rest[i + 1]) },
            "--repo" => options with { Repository = Path.GetFullPath(rest[i + 1]) },
            "--server-env" when rest[i + 1].Contains('=') => options with { ServerEnvironment = [.. options.ServerEnvironment, rest[i + 1]] },
            _ => throw new ArgumentException($"Unknown option {rest[i]}."),
        };
    }

    return await LiveFanOut.RunAsync(options, cancel.Token) ? 0 : 1;
}
catch (Exception e) when (e is BenchException or ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled; everything the bench started has been stopped.");
    return 130;
}
catch (Exception e)
{
    Console.Error.WriteLine(e);
    return 1;
}
finally
{
    foreach (var signal in signals)
    {
        signal.Dispose();
    }
}

static SearchOptions SearchOptionsFrom(string[] rest)
{
    var options = new SearchOptions(FindRepository());
    for (var i = 0; i < rest.Length; i++)
    {
        options = rest[i] switch
        {
            "--no-http" => options with { Http = false },
            "--articles" when i + 1 < rest.Length => options with { Articles = int.Parse(rest[++i], CultureInfo.InvariantCulture) },
            "--queries-per-kind" when i + 1 < rest.Length => options with { QueriesPerKind = int.Parse(rest[++i], CultureInfo.InvariantCulture) },
            "--seed" when i + 1 < rest.Length => options with { Seed = int.Parse(rest[++i], CultureInfo.InvariantCulture) },
            "--data" when i + 1 < rest.Length => options with { DataDirectory = Path.GetFullPath(rest[++i]) },
            "--repo" when i + 1 < rest.Length => options with { Repository = Path.GetFullPath(rest[++i]) },
            _ => throw new ArgumentException($"Unknown option {rest[i]}.\n{SearchUsage}"),
        };
    }

    return options;
}

static MailBenchOptions MailOptionsFrom(string[] rest)
{
    var options = new MailBenchOptions(FindRepository());
    for (var i = 0; i < rest.Length; i++)
    {
        options = rest[i] switch
        {
            "--requests" when i + 1 < rest.Length => options with { Requests = int.Parse(rest[++i], CultureInfo.InvariantCulture) },
            "--rounds" when i + 1 < rest.Length => options with { Rounds = int.Parse(rest[++i], CultureInfo.InvariantCulture) },
            "--messages" when i + 1 < rest.Length => options with { Messages = int.Parse(rest[++i], CultureInfo.InvariantCulture) },
            "--server-env" when i + 1 < rest.Length && rest[i + 1].Contains('=') => options with { ServerEnvironment = [.. options.ServerEnvironment, rest[++i]] },
            "--repo" when i + 1 < rest.Length => options with { Repository = Path.GetFullPath(rest[++i]) },
            "--baseline-repo" when i + 1 < rest.Length => options with { BaselineRepository = Path.GetFullPath(rest[++i]) },
            _ => throw new ArgumentException($"Unknown option {rest[i]}.\n{MailUsage}"),
        };
    }

    return options;
}

static NewsletterBenchOptions NewsletterOptionsFrom(string[] rest)
{
    var options = new NewsletterBenchOptions(FindRepository());
    for (var i = 0; i < rest.Length; i++)
    {
        options = rest[i] switch
        {
            "--subscribers" when i + 1 < rest.Length => options with { Subscribers = int.Parse(rest[++i], CultureInfo.InvariantCulture) },
            "--rate" when i + 1 < rest.Length => options with { Rate = double.Parse(rest[++i], CultureInfo.InvariantCulture) },
            "--connections" when i + 1 < rest.Length => options with { Connections = int.Parse(rest[++i], CultureInfo.InvariantCulture) },
            "--window" when i + 1 < rest.Length => options with { Window = TimeSpan.FromSeconds(double.Parse(rest[++i], CultureInfo.InvariantCulture)) },
            "--load" when i + 1 < rest.Length => options with { Load = rest[++i] },
            "--data" when i + 1 < rest.Length => options with { DataDirectory = Path.GetFullPath(rest[++i]) },
            "--server-env" when i + 1 < rest.Length && rest[i + 1].Contains('=') => options with { ServerEnvironment = [.. options.ServerEnvironment, rest[++i]] },
            "--repo" when i + 1 < rest.Length => options with { Repository = Path.GetFullPath(rest[++i]) },
            _ => throw new ArgumentException($"Unknown option {rest[i]}.\n{NewsletterUsage}"),
        };
    }

    return options;
}

static MarkdownOptions MarkdownOptionsFrom(string[] rest)
{
    var options = new MarkdownOptions(FindRepository());
    for (var i = 0; i < rest.Length; i++)
    {
        options = rest[i] switch
        {
            "--no-http" => options with { Http = false },
            "--repeats" when i + 1 < rest.Length => options with { Repeats = int.Parse(rest[++i], CultureInfo.InvariantCulture) },
            "--family" when i + 1 < rest.Length => options with { Families = [.. options.Families, rest[++i]] },
            "--server-env" when i + 1 < rest.Length && rest[i + 1].Contains('=') => options with { ServerEnvironment = [.. options.ServerEnvironment, rest[++i]] },
            "--repo" when i + 1 < rest.Length => options with { Repository = Path.GetFullPath(rest[++i]) },
            _ => throw new ArgumentException($"Unknown option {rest[i]}.\n{MarkdownUsage}"),
        };
    }

    return options;
}

// The repository holding src/Masthead: the nearest folder with Masthead.slnx above the working directory.
static string FindRepository()
{
    for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "Masthead.slnx")))
        {
            return folder.FullName;
        }
    }

    throw new BenchException("Run from inside the Masthead repository, or pass --repo DIR.");
}
