using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Masthead.Bench;

/// <param name="Rate">Masthead:Newsletters:MessagesPerSecond for the server; the option has no maximum, and this is above what one node's sender does.</param>
/// <param name="Connections">Connections of the reader load on each page.</param>
public sealed record NewsletterBenchOptions(string Repository, int Subscribers = 10_000, double Rate = 1_000, int Connections = 16, int IdleWindows = 5)
{
    /// <summary>A new folder to keep the data directory in (it must not hold a database yet); a temporary one by default.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>How long each reader-load measurement lasts; the page measured alternates between windows.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(2);

    public string? Load { get; init; }

    public IReadOnlyList<string> ServerEnvironment { get; init; } = [];
}

/// <summary>
/// `newsletter`: a briefing to 10,000 readers. Puts that many confirmed subscribers on the daily briefing with direct
/// INSERTs into the data directory's database, starts Masthead with its mail going to <see cref="SmtpSink"/>, measures
/// the reader site (a cached page and an uncached one) at rest, then sends the briefing twice from the composer, as an
/// editor does: once with nothing else running (time to queue, delivery rate, memory), once while readers load the
/// site (their requests a second against the same at rest). Each send must reach every address exactly once.
/// </summary>
public static class NewsletterBench
{
    public const double QueueTargetSeconds = 5;
    public const double ThroughputTarget = 0.8;
    private const int DailyBriefing = 1;

    /// <summary>Only the bench's sends: the daily briefing's hour may come during a run.</summary>
    private const string NoSchedules = "--Masthead:Newsletters:RunSchedules=false";

    private static readonly (string Name, string Path)[] Pages = [("cached: front page", "/"), ("uncached: search", "/search?q=council")];

    public static async Task<bool> RunAsync(NewsletterBenchOptions options, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Machine: {MachineInfo.Describe}");
        Console.WriteLine($"Load average before: {MachineInfo.LoadAverage}");
        var dll = await MastheadServer.BuildAsync(options.Repository, cancellationToken);
        var data = options.DataDirectory ?? Directory.CreateTempSubdirectory("masthead-bench-newsletter-").FullName;
        var database = Path.Combine(data, "masthead.db");
        if (File.Exists(database))
        {
            throw new BenchException($"{data} holds a database already; give --data a new folder.");
        }

        try
        {
            using (var first = await MastheadServer.StartAsync(dll, options.ServerEnvironment, cancellationToken, existingData: data, arguments: [NoSchedules]))
            {
                await first.StopAsync(); // the database is created and the demo publication seeded
            }

            var subscribed = Stopwatch.StartNew();
            await SubscribeAsync(database, options.Subscribers, cancellationToken);
            Console.WriteLine($"{options.Subscribers:N0} confirmed subscribers put on the daily briefing with direct INSERTs in one transaction in "
                + $"{subscribed.Elapsed.TotalSeconds:N1} s.");
            return await MeasureAsync(dll, database, options, cancellationToken);
        }
        finally
        {
            Console.WriteLine($"Load average after: {MachineInfo.LoadAverage}");
            if (options.DataDirectory is null)
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static async Task<bool> MeasureAsync(string dll, string database, NewsletterBenchOptions options, CancellationToken cancellationToken)
    {
        using var sink = new SmtpSink(MastheadServer.FreePort());
        await sink.StartAsync();
        using var server = await MastheadServer.StartAsync(dll, options.ServerEnvironment, cancellationToken, existingData: Path.GetDirectoryName(database), arguments:
        [
            "--Masthead:Mail:Host=127.0.0.1", $"--Masthead:Mail:Port={sink.Port}", "--Masthead:Mail:Security=None",
            "--Masthead:Mail:From=The Larkmoor Lantern <newsroom@larkmoorlantern.example>",
            $"--Masthead:Newsletters:MessagesPerSecond={options.Rate.ToString(CultureInfo.InvariantCulture)}",
            NoSchedules,
        ]);
        using var editor = new Newsroom(server.BaseAddress);
        await editor.SignInAsDemoEditorAsync(cancellationToken);
        var readers = new Readers(LoadGenerators.Create(options.Load), server.BaseAddress, options);
        await readers.CheckAsync(cancellationToken);
        Console.WriteLine($"Reader load: {readers.Description}, {options.Connections} connections, {options.Window.TotalSeconds:N0} s windows alternating between "
            + $"{string.Join(" and ", Pages.Select(p => "GET " + p.Path))}.");
        for (var round = 0; round < 3; round++)
        {
            await readers.WindowsAsync(1, cancellationToken); // warm-up: the JIT compiles both pages' paths
        }

        var idle = await readers.WindowsAsync(options.IdleWindows, cancellationToken);
        var rest = await server.SettledRssAsync(cancellationToken);
        Console.WriteLine($"At rest: {string.Join(", ", idle.Select(p => $"{p.Key} {p.Value.Rate:N0} requests/s ({p.Value.Errors} errors)"))}; "
            + $"server RSS settled {rest / 1048576.0:N0} MB.");
        var quiet = await SendAsync(server, editor, sink, database, options, null, "Bench briefing: quiet", cancellationToken);
        sink.Reset();
        var busy = await SendAsync(server, editor, sink, database, options, readers, "Bench briefing: under load", cancellationToken);
        var after = await server.SettledRssAsync(cancellationToken);
        await server.StopAsync();
        return Report(options, idle, rest, after, quiet, busy);
    }

    /// <summary>Sends one briefing from the composer and waits until every reader has it, with reader load meanwhile when given.</summary>
    private static async Task<SendFigures> SendAsync(MastheadServer server, Newsroom editor, SmtpSink sink, string database, NewsletterBenchOptions options,
        Readers? readers, string subject, CancellationToken cancellationToken)
    {
        await using var rss = new PeakRssSampler(server.Pid);
        var cpu = ProcessStats.CpuTime(server.Pid);
        var started = Stopwatch.GetTimestamp();
        var request = await editor.SendBriefingAsync(DailyBriefing, subject, cancellationToken);
        var queuing = WatchQueuingAsync(server.Pid, database, subject, started, cpu, cancellationToken);
        var during = new Dictionary<string, ReaderFigures>();
        for (var page = 0; readers is not null && sink.Count < options.Subscribers; page = (page + 1) % Pages.Length)
        {
            var figures = await readers.WindowAsync(Pages[page].Path, cancellationToken);
            if (sink.Count < options.Subscribers)
            {
                // Only windows that end before the last message arrived count: the send was running all through them.
                var name = Pages[page].Name;
                during[name] = during.TryGetValue(name, out var sum) ? sum + figures : figures;
            }
        }

        var span = await sink.WaitForAsync(options.Subscribers, TimeSpan.FromMinutes(15), cancellationToken);
        await using var db = new SqliteConnection($"Data Source={database};Pooling=False");
        await db.OpenAsync(cancellationToken);
        var send = await Sql.ScalarAsync<long>(db, "SELECT Id FROM NewsletterSends WHERE Subject = $1", subject);
        var sent = await RecordedAsync(db, send, options.Subscribers, cancellationToken);
        var (created, queued, queuedCount) = await QueuedAsync(db, send);
        Verify(sink, options.Subscribers, subject);
        var (seen, queuingCpu) = await queuing;
        // Each send's figures as soon as it is done, so that a run cut short still says what it measured.
        Console.WriteLine($"{subject}: {queuedCount:N0} queued in {(queued - created).TotalSeconds:N2} s by the server's clock ({seen.TotalSeconds:N2} s seen, "
            + $"server CPU {queuingCpu}); first to last message {span.TotalSeconds:N2} s ({options.Subscribers / span.TotalSeconds:N0}/s), "
            + $"each reader once; peak RSS {rss.PeakBytes / 1048576.0:N0} MB.");
        return new SendFigures(subject, request, queued - created, seen, queuingCpu, queuedCount, Stopwatch.GetElapsedTime(started, sink.First!.Value),
            Stopwatch.GetElapsedTime(started, sink.Last!.Value), span, sent, rss.PeakBytes, during);
    }

    /// <summary>
    /// Looks at the send every 50 ms until it is wholly queued: when the bench saw it so, and the server's CPU time
    /// meanwhile (its sender already at work on the first batches), which a machine busy with other work inflates less
    /// than the wall-clock time.
    /// </summary>
    private static async Task<(TimeSpan Seen, CpuTime Cpu)> WatchQueuingAsync(int pid, string database, string subject, long started, CpuTime before,
        CancellationToken cancellationToken)
    {
        await using var db = new SqliteConnection($"Data Source={database};Pooling=False;Mode=ReadOnly");
        await db.OpenAsync(cancellationToken);
        while (await Sql.ScalarAsync<long>(db, "SELECT COUNT(*) FROM NewsletterSends WHERE Subject = $1 AND State = 'Queued'", subject) == 0)
        {
            await Task.Delay(50, cancellationToken);
        }

        return (Stopwatch.GetElapsedTime(started), ProcessStats.CpuTime(pid) - before);
    }

    /// <summary>Waits (at most 30 s) for the outbox to record as sent what the sink has received; returns how many it records.</summary>
    private static async Task<long> RecordedAsync(SqliteConnection db, long send, int expected, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        long sent;
        while ((sent = await Sql.ScalarAsync<long>(db, "SELECT COUNT(*) FROM Outbox WHERE NewsletterSendId = $1 AND State = 'Sent'", send)) < expected
            && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100, cancellationToken);
        }

        return sent;
    }

    /// <summary>When the send was made and when it was wholly in the outbox, by the server's clock.</summary>
    private static async Task<(DateTime Created, DateTime Queued, long Count)> QueuedAsync(SqliteConnection db, long send)
    {
        var created = await Sql.ScalarAsync<string>(db, "SELECT CreatedAt FROM NewsletterSends WHERE Id = $1", send);
        var queued = await Sql.ScalarAsync<string>(db, "SELECT QueuedAt FROM NewsletterSends WHERE Id = $1 AND State = 'Queued'", send);
        var count = await Sql.ScalarAsync<long>(db, "SELECT QueuedCount FROM NewsletterSends WHERE Id = $1", send);
        return (DateTime.Parse(created, CultureInfo.InvariantCulture), DateTime.Parse(queued, CultureInfo.InvariantCulture), count);
    }

    /// <summary>A bench that measures a broken send is worthless: every reader, and only they, got exactly one message.</summary>
    private static void Verify(SmtpSink sink, int subscribers, string subject)
    {
        var received = sink.PerRecipient;
        var missing = Enumerable.Range(0, subscribers).Select(Address).Where(a => !received.ContainsKey(a)).ToList();
        var doubled = received.Where(r => r.Value != 1).ToList();
        if (received.Count != subscribers || missing.Count > 0 || doubled.Count > 0 || sink.Count != subscribers)
        {
            throw new BenchException($"\"{subject}\" did not reach each reader once: {sink.Count:N0} messages to {received.Count:N0} addresses, "
                + $"{missing.Count:N0} readers missed (e.g. {string.Join(", ", missing.Take(3))}), {doubled.Count:N0} addresses with other than one.");
        }
    }

    private static bool Report(NewsletterBenchOptions options, Dictionary<string, ReaderFigures> idle, long rest, long after, SendFigures quiet, SendFigures busy)
    {
        static string Mb(long bytes) => $"{bytes / 1048576.0:N0} MB";
        Console.WriteLine();
        Console.WriteLine($"A briefing to {options.Subscribers:N0} confirmed subscribers, sent from the composer, at Masthead:Newsletters:MessagesPerSecond = "
            + $"{options.Rate:N0}; every reader received it exactly once, both times:");
        Console.WriteLine("| figure | quiet | under reader load |");
        Console.WriteLine("|---|---:|---:|");
        void Row(string name, Func<SendFigures, string> figure) => Console.WriteLine($"| {name} | {figure(quiet)} | {figure(busy)} |");
        Row("the Send request", s => $"{s.Request.TotalMilliseconds:N0} ms");
        Row("made to all in the outbox (server clock)", s => $"{s.ToQueue.TotalSeconds:N2} s ({s.QueuedCount:N0} queued)");
        Row("Send to all in the outbox (seen by the bench)", s => $"{s.QueuedSeen.TotalSeconds:N2} s");
        Row("server CPU meanwhile", s => s.QueuingCpu.ToString());
        Row("Send to the first message received", s => $"{s.ToFirst.TotalSeconds:N2} s");
        Row("Send to the last message received", s => $"{s.ToLast.TotalSeconds:N2} s");
        Row("first message to the last", s => $"{s.Span.TotalSeconds:N2} s ({options.Subscribers / s.Span.TotalSeconds:N0} messages/s)");
        Row("recorded as sent in the outbox", s => $"{s.Sent:N0}");
        Row("server's peak RSS during the send", s => Mb(s.PeakRss));
        Console.WriteLine($"Server RSS at rest before the sends: {Mb(rest)}; after them, settled: {Mb(after)}.");

        Console.WriteLine();
        Console.WriteLine("Reader requests a second (errors), at rest and while the second briefing was sent:");
        Console.WriteLine("| page | at rest | during the send | ratio |");
        Console.WriteLine("|---|---:|---:|---:|");
        var throughputMet = true;
        foreach (var (name, _) in Pages)
        {
            var before = idle[name];
            if (!busy.During.TryGetValue(name, out var during))
            {
                Console.WriteLine($"| {name} | {before.Rate:N0} ({before.Errors}) | no window ended before the send did | |");
                throughputMet = false;
                continue;
            }

            var ratio = during.Rate / before.Rate;
            throughputMet &= ratio >= ThroughputTarget && during.Errors == 0;
            Console.WriteLine($"| {name} | {before.Rate:N0} ({before.Errors}) | {during.Rate:N0} ({during.Errors}, {during.Windows} windows) | {ratio:P0} |");
        }

        var queueMet = quiet.ToQueue.TotalSeconds < QueueTargetSeconds && busy.ToQueue.TotalSeconds < QueueTargetSeconds;
        Console.WriteLine($"Target: queued in under {QueueTargetSeconds} s: {(queueMet ? "met" : "NOT met")} ({quiet.ToQueue.TotalSeconds:N2} s quiet, "
            + $"{busy.ToQueue.TotalSeconds:N2} s under load).");
        Console.WriteLine($"Target: reader throughput during a send within {1 - ThroughputTarget:P0} of at rest: {(throughputMet ? "met" : "NOT met")}.");
        return queueMet && throughputMet;
    }

    /// <summary>Confirmed readers reader-{i}@example.org, each on the daily briefing only, as of yesterday.</summary>
    private static async Task SubscribeAsync(string database, int count, CancellationToken cancellationToken)
    {
        await using var db = new SqliteConnection($"Data Source={database};Pooling=False");
        await db.OpenAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var yesterday = Sql.Timestamp(DateTime.UtcNow.AddDays(-1));
        await using var subscriber = Sql.Prepare(db, """
            INSERT INTO Subscribers (Email, NormalizedEmail, Name, LinkKey, CreatedAt, ConfirmedAt, ConfirmationSentAt) VALUES ($1, $1, $2, $3, $4, $4, $4)
            """, 4);
        await using var subscription = Sql.Prepare(db,
            "INSERT INTO Subscriptions (SubscriberId, NewsletterId, SubscribedAt, UnsubscribedAt) VALUES (last_insert_rowid(), $1, $2, NULL)", 2);
        for (var i = 0; i < count; i++)
        {
            Sql.Bind(subscriber, Address(i), $"Reader {i}", RandomNumberGenerator.GetHexString(64), yesterday);
            await subscriber.ExecuteNonQueryAsync(cancellationToken);
            Sql.Bind(subscription, DailyBriefing, yesterday);
            await subscription.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string Address(int reader) => $"reader-{reader}@example.org";

    private sealed record SendFigures(string Subject, TimeSpan Request, TimeSpan ToQueue, TimeSpan QueuedSeen, CpuTime QueuingCpu, long QueuedCount,
        TimeSpan ToFirst, TimeSpan ToLast, TimeSpan Span, long Sent, long PeakRss, Dictionary<string, ReaderFigures> During);

    /// <summary>Requests answered over some windows of load on one page, and how long the windows lasted.</summary>
    private sealed record ReaderFigures(long Requests, TimeSpan Elapsed, long Errors, int Windows)
    {
        public double Rate => Requests / Elapsed.TotalSeconds;

        public static ReaderFigures operator +(ReaderFigures a, ReaderFigures b) =>
            new(a.Requests + b.Requests, a.Elapsed + b.Elapsed, a.Errors + b.Errors, a.Windows + b.Windows);
    }

    /// <summary>Readers on the site: closed-loop load on each page in turn, a window at a time.</summary>
    private sealed class Readers(ILoadGenerator load, Uri baseAddress, NewsletterBenchOptions options)
    {
        public string Description => load.Description;

        /// <summary>Each page must answer 200 with a whole page: a wrong URL must not be measured as a fast 404.</summary>
        public async Task CheckAsync(CancellationToken cancellationToken)
        {
            using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
            foreach (var (_, path) in Pages)
            {
                using var response = await client.GetAsync(path, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode != HttpStatusCode.OK || !body.Contains("</html>", StringComparison.Ordinal))
                {
                    throw new BenchException($"GET {path} answered {(int)response.StatusCode} instead of a page; not measuring it.");
                }
            }
        }

        /// <summary><paramref name="rounds"/> windows on each page, alternating, summed per page.</summary>
        public async Task<Dictionary<string, ReaderFigures>> WindowsAsync(int rounds, CancellationToken cancellationToken)
        {
            var figures = new Dictionary<string, ReaderFigures>();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var (name, path) in Pages)
                {
                    var window = await WindowAsync(path, cancellationToken);
                    figures[name] = figures.TryGetValue(name, out var sum) ? sum + window : window;
                }
            }

            return figures;
        }

        public async Task<ReaderFigures> WindowAsync(string path, CancellationToken cancellationToken)
        {
            var result = await load.RunAsync(new LoadRequest(baseAddress, [path], options.Connections, 2, options.Window), cancellationToken);
            return new ReaderFigures(result.Requests, result.Elapsed, result.Errors.Total, 1);
        }
    }
}
