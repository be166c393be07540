using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Masthead.Bench;

public sealed record MailBenchOptions(string Repository, int Requests = 300, int Rounds = 5, int Messages = 1000)
{
    /// <summary>A checkout from before email (e.g. `git archive` of an older commit), whose same request is measured too.</summary>
    public string? BaselineRepository { get; init; }

    public IReadOnlyList<string> ServerEnvironment { get; init; } = [];
}

/// <summary>
/// `mail`: what email costs. First, what queueing adds to the request that causes it: a reader's message through the
/// contact form, which the editor and the administrator are told of, against the same request when both have
/// switched that notification off (the recipients are looked up, nothing is queued), in alternating rounds; and, given
/// a checkout from before email, the same request there. Then how fast the sender empties an outbox of 1,000 waiting
/// messages into an SMTP server in this process.
/// </summary>
public static class MailBench
{
    public const double QueueTargetMs = 2;
    public const double DeliveryTargetSeconds = 10;

    private static readonly string[] NoContactLimit = ["--Masthead:RateLimits:ContactMessagesPerHour=100000000"];

    public static async Task<bool> RunAsync(MailBenchOptions options, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Machine: {MachineInfo.Describe}");
        Console.WriteLine($"Load average before: {MachineInfo.LoadAverage}");
        var dll = await MastheadServer.BuildAsync(options.Repository, cancellationToken);
        var before = options.BaselineRepository is { } baseline
            ? await BeforeEmailAsync(await MastheadServer.BuildAsync(baseline, cancellationToken), options, cancellationToken)
            : null;
        var met = await QueueingAsync(dll, options, before, cancellationToken);
        met &= await DeliveryAsync(dll, options, cancellationToken);
        Console.WriteLine($"Load average after: {MachineInfo.LoadAverage}");
        return met;
    }

    /// <summary>The same request on a build from before email: the whole cost of notifications is the difference.</summary>
    private static async Task<List<double>> BeforeEmailAsync(string dll, MailBenchOptions options, CancellationToken cancellationToken)
    {
        using var server = await MastheadServer.StartAsync(dll, options.ServerEnvironment, cancellationToken, arguments: NoContactLimit);
        using var reader = new Newsroom(server.BaseAddress);
        var latencies = new List<double>();
        for (var i = 0; i < options.Requests * (options.Rounds + 1); i++)
        {
            var elapsed = (await reader.WriteInAsync($"Before email {i}", cancellationToken)).TotalMilliseconds;
            if (i >= options.Requests)
            {
                latencies.Add(elapsed);
            }
        }

        await server.StopAsync();
        return latencies;
    }

    private static async Task<bool> QueueingAsync(string dll, MailBenchOptions options, List<double>? beforeEmail, CancellationToken cancellationToken)
    {
        using var server = await MastheadServer.StartAsync(dll, options.ServerEnvironment, cancellationToken, arguments: NoContactLimit);
        using var reader = new Newsroom(server.BaseAddress);
        await using var db = new SqliteConnection($"Data Source={Path.Combine(server.Data, "masthead.db")};Pooling=False");
        await db.OpenAsync(cancellationToken);
        for (var i = 0; i < options.Requests; i++)
        {
            await reader.WriteInAsync($"Warm-up {i}", cancellationToken); // until the server's JIT has compiled the path
        }

        var queued = new List<double>();
        var notQueued = new List<double>();
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var on in new[] { true, false })
            {
                await Sql.ExecuteAsync(db, "DELETE FROM NotificationOptOuts");
                if (!on)
                {
                    await Sql.ExecuteAsync(db, "INSERT INTO NotificationOptOuts (StaffMemberId, Notification) SELECT Id, 'InboxMessage' FROM Staff");
                }

                var before = await Sql.ScalarAsync<long>(db, "SELECT COUNT(*) FROM Outbox");
                for (var i = 0; i < options.Requests; i++)
                {
                    (on ? queued : notQueued).Add((await reader.WriteInAsync($"Round {round} {(on ? "on" : "off")} {i}", cancellationToken)).TotalMilliseconds);
                }

                var mails = await Sql.ScalarAsync<long>(db, "SELECT COUNT(*) FROM Outbox") - before;
                if (mails != (on ? 2L * options.Requests : 0))
                {
                    throw new BenchException($"{options.Requests} messages {(on ? "with" : "without")} notifications queued {mails} mails.");
                }
            }
        }

        var (onP50, offP50) = (Percentile(queued, 50), Percentile(notQueued, 50));
        Console.WriteLine();
        Console.WriteLine($"Queueing: POST /contact to a Masthead server (Release, PID {server.Pid}), {options.Requests} unmeasured, then {options.Rounds} rounds of "
            + $"{options.Requests} with the two notifications queued and {options.Requests} with both switched off:");
        Console.WriteLine("| request | p50 ms | p90 ms | p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| two notifications queued | {onP50:N2} | {Percentile(queued, 90):N2} | {Percentile(queued, 99):N2} |");
        Console.WriteLine($"| none (switched off) | {offP50:N2} | {Percentile(notQueued, 90):N2} | {Percentile(notQueued, 99):N2} |");
        if (beforeEmail is not null)
        {
            Console.WriteLine($"| before email (--baseline-repo) | {Percentile(beforeEmail, 50):N2} | {Percentile(beforeEmail, 90):N2} | {Percentile(beforeEmail, 99):N2} |");
            offP50 = Math.Min(offP50, Percentile(beforeEmail, 50));
        }

        var added = onP50 - offP50;
        var met = added < QueueTargetMs;
        Console.WriteLine($"Target: queueing adds under {QueueTargetMs} ms to the request: {(met ? "met" : "NOT met")} ({added:N2} ms at the median, "
            + $"against {(beforeEmail is null ? "the same request with both switched off" : "the quicker of the switched-off and the before-email requests")}).");
        return met;
    }

    private static async Task<bool> DeliveryAsync(string dll, MailBenchOptions options, CancellationToken cancellationToken)
    {
        var data = Directory.CreateTempSubdirectory("masthead-bench-mail-").FullName;
        try
        {
            // A real message first, written by the site, to copy: its subject, bodies and times are what the sender sends.
            using (var server = await MastheadServer.StartAsync(dll, options.ServerEnvironment, cancellationToken, existingData: data, arguments: NoContactLimit))
            {
                using var reader = new Newsroom(server.BaseAddress);
                await reader.WriteInAsync("A question for the desk", cancellationToken);
                await server.StopAsync();
            }

            await QueueAsync(Path.Combine(data, "masthead.db"), options.Messages, cancellationToken);
            using var sink = new SmtpSink(MastheadServer.FreePort());
            await sink.StartAsync();
            var started = Stopwatch.GetTimestamp();
            using var sender = await MastheadServer.StartAsync(dll, options.ServerEnvironment, cancellationToken, existingData: data, arguments:
            [
                "--Masthead:Mail:Host=127.0.0.1", $"--Masthead:Mail:Port={sink.Port}", "--Masthead:Mail:Security=None",
                "--Masthead:Mail:From=The Larkmoor Lantern <newsroom@larkmoorlantern.example>",
            ]);
            var span = await sink.WaitForAsync(options.Messages, TimeSpan.FromMinutes(5), cancellationToken);
            await using var db = new SqliteConnection($"Data Source={Path.Combine(data, "masthead.db")};Pooling=False");
            await db.OpenAsync(cancellationToken);
            var sent = await Sql.ScalarAsync<long>(db, "SELECT COUNT(*) FROM Outbox WHERE State = 'Sent' AND ToAddress LIKE 'reader-%'");

            Console.WriteLine();
            Console.WriteLine($"Delivery: {options.Messages:N0} messages waiting in the outbox when a Masthead server (Release, PID {sender.Pid}) starts, "
                + $"sent over SMTP to a minimal server in this process (127.0.0.1:{sink.Port}):");
            Console.WriteLine($"| from the first message to the last | {span.TotalSeconds:N2} s | {options.Messages / span.TotalSeconds:N0} messages/s |");
            Console.WriteLine($"| from starting the process to the last | {Stopwatch.GetElapsedTime(started, sink.Last!.Value).TotalSeconds:N2} s | |");
            Console.WriteLine($"| recorded as sent in the outbox | {sent:N0} | received {sink.Count:N0}, {sink.Distinct:N0} distinct Message-IDs |");
            var met = span.TotalSeconds < DeliveryTargetSeconds && sent == options.Messages && sink.Distinct == options.Messages;
            Console.WriteLine($"Target: {options.Messages:N0} queued messages delivered in under {DeliveryTargetSeconds} s, each once: {(met ? "met" : "NOT met")}.");
            await sender.StopAsync();
            return met;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Fills the outbox with copies of the site's own first message, each to another reader, all due now.</summary>
    private static async Task QueueAsync(string database, int messages, CancellationToken cancellationToken)
    {
        await using var db = new SqliteConnection($"Data Source={database};Pooling=False");
        await db.OpenAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        // The site's own messages count as sent (it may have stopped before writing them out), so only the copies wait.
        await Sql.ExecuteAsync(db, "UPDATE Outbox SET State = 'Sent' WHERE State <> 'Sent'");
        await using var insert = Sql.Prepare(db, """
            INSERT INTO Outbox (Kind, StaffMemberId, ToAddress, ToName, ReplyToAddress, ReplyToName, Subject, TextBody, HtmlBody, MessageKey,
                                QueuedAt, NextAttemptAt, ExpiresAt, State, Attempts, Version)
            SELECT Kind, NULL, $1, $2, ReplyToAddress, ReplyToName, Subject, TextBody, HtmlBody, $3, QueuedAt, QueuedAt, ExpiresAt, 'Queued', 0, 0
            FROM Outbox ORDER BY Id LIMIT 1
            """, 3);
        for (var i = 0; i < messages; i++)
        {
            Sql.Bind(insert, $"reader-{i}@example.org", $"Reader {i}", Guid.NewGuid().ToString().ToUpperInvariant());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
