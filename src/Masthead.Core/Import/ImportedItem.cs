namespace Masthead.Core.Import;

/// <summary>
/// Something an import made (or matched), keyed by where it came from, so that importing the same file again
/// updates it instead of making a second one.
/// </summary>
public sealed class ImportedItem
{
    public const int MaxSourceLength = 300;
    public const int MaxSourceIdLength = 200;

    public int Id { get; set; }

    /// <summary>The system and site it came from, "wordpress https://old.example.org" or "ghost http://127.0.0.1:2368".</summary>
    public required string Source { get; set; }

    public ImportedKind Kind { get; set; }

    /// <summary>Its id there: a post's number, a term's slug, an author's login, an upload's path.</summary>
    public required string SourceId { get; set; }

    /// <summary>The article, static page, section, tag, staff member or media item it became.</summary>
    public int TargetId { get; set; }
}

public enum ImportedKind
{
    Article,
    Page,
    Section,
    Tag,
    Author,
    Media,
}

/// <summary>An address on the old site (<c>/2019/05/slug</c>, <c>/?p=123</c>, <c>/category/news</c>) answering 301 to what it became here.</summary>
public sealed class ImportedAddress
{
    public const int MaxPathLength = 500;

    public int Id { get; set; }

    /// <summary>Without a trailing slash (but "/?p=123" as it is), as <see cref="ImportedAddresses.Normalize"/> writes it.</summary>
    public required string Path { get; set; }

    public ImportedKind Kind { get; set; }
    public int TargetId { get; set; }
}
