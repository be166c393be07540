namespace Masthead.Core.Live;

/// <summary>An update as readers see it: the page, the event stream and the feed all use this shape.</summary>
public sealed record LiveUpdateView(
    int Id,
    string? Title,
    string BodyHtml,
    string BodyMarkdown,
    string AuthorName,
    string? AuthorSlug,
    DateTime PostedAt,
    DateTime? EditedAt,
    bool IsKey)
{
    /// <summary>The update as plain text, without its Markdown.</summary>
    public string PlainText() => Markdig.Markdown.ToPlainText(BodyMarkdown).Trim();

    /// <summary>What the desk's edit form carries, to refuse an edit over a text someone else has changed since.</summary>
    public string Basis => LiveUpdate.BasisOf(Title, BodyMarkdown);

    /// <summary>The title, or for an untitled update the start of its text on one line.</summary>
    public string Headline(int maxLength) => Title ?? Text.Excerpts.Shorten(PlainText(), maxLength);
}

/// <summary>
/// A developing story's coverage as of one moment, with the last event id it includes. <see cref="Updates"/> are
/// newest first; <see cref="Listed"/> are in the order the page lists them.
/// </summary>
public sealed record LiveCoverageView(
    CoverageStatus Status,
    DateTime? StartedAt,
    DateTime? EndedAt,
    int? PinnedUpdateId,
    IReadOnlyList<LiveUpdateView> Updates,
    int LastEventId,
    LiveLayout Layout = default)
{
    public LiveUpdateView? Pinned => Updates.FirstOrDefault(u => u.Id == PinnedUpdateId);
    public IEnumerable<LiveUpdateView> KeyUpdates => Listed.Where(u => u.IsKey);
    public bool IsLive => Status == CoverageStatus.Live;

    /// <summary>What leads the page: the pinned update, or else the newest.</summary>
    public LiveUpdateView? Lead => Pinned ?? (Updates.Count > 0 ? Updates[0] : null);

    public IEnumerable<LiveUpdateView> Listed => Layout.OldestFirst ? Updates.Reverse() : Updates;
}

/// <summary>
/// How a developing story's page is laid out: updates newest first (or oldest first, for a match report), and the article's own text after the updates
/// (or before them).
/// </summary>
public readonly record struct LiveLayout(bool OldestFirst, bool TextFirst);

/// <summary>One entry of the event stream: what happened to which story, numbered per story.</summary>
public sealed record LiveEventRecord(int ArticleId, int Id, string Type, string Data);

public sealed record LiveUpdateInput(string? Title, string? Body, bool IsKey = false);
