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

/// <summary>A developing story's coverage as of one moment, with the last event id it includes.</summary>
public sealed record LiveCoverageView(
    CoverageStatus Status,
    DateTime? StartedAt,
    DateTime? EndedAt,
    int? PinnedUpdateId,
    IReadOnlyList<LiveUpdateView> Updates,
    int LastEventId)
{
    public LiveUpdateView? Pinned => Updates.FirstOrDefault(u => u.Id == PinnedUpdateId);
    public IEnumerable<LiveUpdateView> KeyUpdates => Updates.Where(u => u.IsKey);
    public bool IsLive => Status == CoverageStatus.Live;
}

/// <summary>One entry of the event stream: what happened to which story, numbered per story.</summary>
public sealed record LiveEventRecord(int ArticleId, int Id, string Type, string Data);

public sealed record LiveUpdateInput(string? Title, string? Body, bool IsKey = false);
