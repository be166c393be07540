namespace Masthead.Core.Import;

/// <summary>
/// What an import did or, in a dry run, would do: counts, every block it converted or could not, every missing
/// media file, comments counted, and items it left out with why. Lists keep their first
/// <see cref="MaxListed"/> entries and count the rest.
/// </summary>
public sealed class ImportReport
{
    public const int MaxListed = 1000;

    public required string Source { get; init; }
    public bool DryRun { get; init; }
    public int ArticlesCreated { get; set; }
    public int ArticlesUpdated { get; set; }
    public int PagesCreated { get; set; }
    public int PagesUpdated { get; set; }
    public int Sections { get; set; }
    public int Tags { get; set; }
    public int Staff { get; set; }
    public int MediaImported { get; set; }
    public int Redirects { get; set; }
    public int Comments { get; set; }

    /// <summary>Every block met, by its name (<c>core/paragraph</c>, <c>&lt;video&gt;</c>...), and what became of it.</summary>
    public SortedDictionary<string, BlockCount> Blocks { get; } = new(StringComparer.Ordinal);

    /// <summary>What was kept as sanitized HTML or dropped, with the item it was in.</summary>
    public List<ImportNote> Unconverted { get; } = [];

    public List<ImportNote> MissingMedia { get; } = [];

    /// <summary>Items left out or changed to fit (a slug taken, a headline too long), with why.</summary>
    public List<ImportNote> Problems { get; } = [];

    public int UnlistedNotes { get; private set; }

    public int BlocksMet => Blocks.Values.Sum(b => b.Total);

    internal void Block(string name, BlockOutcome outcome)
    {
        if (!Blocks.TryGetValue(name, out var count))
        {
            Blocks[name] = count = new BlockCount();
        }

        switch (outcome)
        {
            case BlockOutcome.Converted:
                count.Converted++;
                break;
            case BlockOutcome.KeptAsHtml:
                count.KeptAsHtml++;
                break;
            default:
                count.Dropped++;
                break;
        }
    }

    internal void Add(List<ImportNote> list, ImportNote note)
    {
        if (list.Count < MaxListed)
        {
            list.Add(note);
        }
        else
        {
            UnlistedNotes++;
        }
    }
}

public sealed class BlockCount
{
    public int Converted { get; set; }
    public int KeptAsHtml { get; set; }

    /// <summary>Blocks with nothing to show in an article (a spacer, a "read more" mark, a list the old site built when shown).</summary>
    public int Dropped { get; set; }

    public int Total => Converted + KeptAsHtml + Dropped;
}

public enum BlockOutcome
{
    Converted,
    KeptAsHtml,
    Dropped,
}

/// <param name="Item">The post or page it concerns ("post 123: Headline"); empty for the whole file.</param>
public sealed record ImportNote(string Item, string What);
