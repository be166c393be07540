using System.Globalization;
using System.Text;
using Masthead.Core.Audit;
using Masthead.Core.Mail;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Newsletters;

/// <summary>A row of an import that was left out, and why.</summary>
public sealed record ImportProblem(int Line, string Text, string Reason);

public sealed record ImportResult(int Added, int AlreadyListed, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// Administrators' work on the list itself: removing a reader, exporting everyone to CSV and importing a list from
/// elsewhere. An import states the consent its readers gave, which is recorded for each of them; addresses already
/// on the list are left as they are (a reader who left is not put back by someone else's file).
/// </summary>
public sealed class SubscriberAdministration(MastheadDb db, TimeProvider time)
{
    /// <summary>The largest CSV accepted, checked before a byte of it is parsed.</summary>
    public const int MaxImportCharacters = 2_000_000;

    public const int MaxImportRows = 20_000;
    public const int MaxConsentLength = 300;

    public async Task RemoveAsync(Actor actor, int subscriberId, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanManageSubscribers(actor), "manage subscribers");
        var email = await db.Subscribers.Where(s => s.Id == subscriberId).Select(s => s.NormalizedEmail).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That subscriber is no longer on the list.");
        await db.InTransactionAsync(async () =>
        {
            await SubscriberService.ForgetAsync(db, subscriberId, email, cancellationToken);
            // The log keeps that a reader was removed, never who: their address goes with them.
            db.Record(Now, actor, AuditActions.SubscriberRemoved, details: $"subscriber #{subscriberId}");
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Every subscriber as CSV (UTF-8, a header row); cells that a spreadsheet would run as formulas are made text.</summary>
    public async Task<string> ExportAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanManageSubscribers(actor), "export subscribers");
        var subscribers = await db.Subscribers.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Email, s.Name, s.CreatedAt, s.ConfirmedAt }).ToListAsync(cancellationToken);
        var lists = (await db.Subscriptions.AsNoTracking().Where(s => s.UnsubscribedAt == null)
            .Join(db.Newsletters, s => s.NewsletterId, n => n.Id, (s, n) => new { s.SubscriberId, n.Slug }).ToListAsync(cancellationToken))
            .ToLookup(s => s.SubscriberId, s => s.Slug);
        var csv = new StringBuilder("email,name,status,signed_up,confirmed,newsletters\r\n");
        foreach (var s in subscribers)
        {
            csv.Append(Cell(s.Email)).Append(',').Append(Cell(s.Name)).Append(',').Append(s.ConfirmedAt is null ? "pending" : "confirmed").Append(',')
                .Append(s.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append(',')
                .Append(s.ConfirmedAt?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "").Append(',')
                .Append(Cell(string.Join(' ', lists[s.Id]))).Append("\r\n");
        }

        await db.InTransactionAsync(async () =>
        {
            db.Record(Now, actor, AuditActions.SubscribersExported, details: $"{subscribers.Count} subscribers");
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return csv.ToString();
    }

    /// <summary>
    /// Adds the readers of <paramref name="csv"/> (an email column, and a name column when there is one) to
    /// <paramref name="newsletterIds"/>, confirmed on the strength of <paramref name="consent"/>, which is recorded.
    /// Rows that are not addresses are listed with the reason; the good ones are added all the same.
    /// </summary>
    public async Task<ImportResult> ImportAsync(Actor actor, string? csv, string? consent, IReadOnlyCollection<int> newsletterIds, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanManageSubscribers(actor), "import subscribers");
        var text = csv ?? "";
        var statement = MailQueue.OneLine(consent, int.MaxValue);
        var problems = new Dictionary<string, string>();
        if (text.Length > MaxImportCharacters)
        {
            problems["Csv"] = $"The file is too large: at most {MaxImportCharacters / 1_000_000} MB of text at a time. Split it and import the parts.";
        }
        else if (text.Trim().Length == 0)
        {
            problems["Csv"] = "Choose a CSV file, or paste its rows.";
        }

        if (statement.Length < 10)
        {
            problems["Consent"] = "Say how these readers agreed to hear from you (for example \"signed up on our old site's form\"): it is kept with each of them.";
        }
        else if (statement.Length > MaxConsentLength)
        {
            problems["Consent"] = $"The statement of consent is at most {MaxConsentLength} characters.";
        }

        var newsletters = await db.Newsletters.Where(n => newsletterIds.Contains(n.Id)).ToListAsync(cancellationToken);
        if (newsletters.Count == 0)
        {
            problems["Newsletters"] = "Choose at least one newsletter for them.";
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        if (lines.Length > MaxImportRows + 1)
        {
            throw ValidationException.For("Csv", $"At most {MaxImportRows:N0} rows at a time. Split the file and import the parts.");
        }

        var rows = Rows(lines, out var bad);
        var now = Now;
        var added = 0;
        var listed = 0;
        await db.InTransactionAsync(async () =>
        {
            var known = (await db.Subscribers.Select(s => s.NormalizedEmail).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            foreach (var (line, email, name) in rows)
            {
                var normalized = SubscriberAddresses.Normalize(email);
                if (!known.Add(normalized))
                {
                    listed++;
                    continue;
                }

                var subscriber = new Subscriber
                {
                    Email = email,
                    NormalizedEmail = normalized,
                    Name = name,
                    LinkKey = SubscriberLinks.NewKey(),
                    CreatedAt = now,
                    ConfirmedAt = now,
                };
                SubscriberService.Choose(subscriber, newsletters.ConvertAll(n => n.Id), now, endOthers: false);
                db.Subscribers.Add(subscriber);
                added++;
            }

            await db.SaveChangesAsync(cancellationToken);
            var source = $"imported by {actor.Name}: {statement}";
            foreach (var subscriber in db.ChangeTracker.Entries<Subscriber>().Select(e => e.Entity).Where(s => s.CreatedAt == now))
            {
                db.ConsentRecords.Add(SubscriberService.Consent(subscriber.Id, now, ConsentAction.Imported, source, newsletters, ""));
            }

            db.Record(now, actor, AuditActions.SubscribersImported, details: $"{added} added, {listed} already on the list, {bad.Count} rows left out: {statement}");
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        db.ChangeTracker.Clear();
        return new ImportResult(added, listed, bad);
    }

    /// <summary>The good rows, and why each bad one is bad. A first row naming an "email" column is the header.</summary>
    private static List<(int Line, string Email, string Name)> Rows(string[] lines, out List<ImportProblem> bad)
    {
        bad = [];
        var rows = new List<(int, string, string)>();
        int emailColumn = 0, nameColumn = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var cells = Cells(line);
            if (cells is null)
            {
                bad.Add(new ImportProblem(i + 1, Shorten(line), "A quotation mark is not closed on this line."));
                continue;
            }

            if (i == 0 && cells.Any(c => c.Trim().Equals("email", StringComparison.OrdinalIgnoreCase)))
            {
                emailColumn = cells.FindIndex(c => c.Trim().Equals("email", StringComparison.OrdinalIgnoreCase));
                nameColumn = cells.FindIndex(c => c.Trim().Equals("name", StringComparison.OrdinalIgnoreCase));
                continue;
            }

            var email = emailColumn < cells.Count ? cells[emailColumn].Trim() : "";
            var name = nameColumn >= 0 && nameColumn < cells.Count ? cells[nameColumn] : (nameColumn < 0 && cells.Count > 1 && emailColumn == 0 ? cells[1] : "");
            if (SubscriberAddresses.Problem(email) is { } problem)
            {
                bad.Add(new ImportProblem(i + 1, Shorten(line), problem));
                continue;
            }

            if (name.Length > Subscriber.MaxNameLength)
            {
                bad.Add(new ImportProblem(i + 1, Shorten(line), $"The name is longer than {Subscriber.MaxNameLength} characters."));
                continue;
            }

            rows.Add((i + 1, email, MailQueue.OneLine(name, Subscriber.MaxNameLength)));
        }

        return rows;
    }

    /// <summary>One line's cells (RFC 4180 quoting); null when a quoted cell does not end on the line.</summary>
    private static List<string>? Cells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c is ',' or ';')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        cells.Add(cell.ToString());
        return cells;
    }

    private static string Cell(string value)
    {
        var text = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static string Shorten(string line) => line.Length <= 120 ? line : line[..119] + "…";

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
