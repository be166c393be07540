namespace Masthead.Core.Autosaves;

/// <summary>
/// What one person had typed into the editor of one article (or of a new article, with no <see cref="ArticleId"/>),
/// kept every few seconds while they type, so a crashed browser loses at most those seconds. Private to its author:
/// never a revision, never shown to anyone else or to readers. Gone once they save.
/// </summary>
public sealed class Autosave
{
    public int Id { get; set; }
    public int StaffMemberId { get; set; }

    /// <summary>The article being edited; null for the new-article page.</summary>
    public int? ArticleId { get; set; }

    /// <summary>The article's version when the form was opened, so saving it later goes to the conflict page if someone saved since.</summary>
    public int BaseVersion { get; set; }

    /// <summary>The form's fields as JSON, as the editor's page wrote them.</summary>
    public required string Fields { get; set; }

    public DateTime SavedAt { get; set; }
}
