namespace Masthead.Core.Tags;

public sealed class Tag
{
    /// <summary>As a section's: the newsroom edits both with the same form.</summary>
    public const int MaxNameLength = Sections.Section.MaxNameLength;

    public const int MaxDescriptionLength = Sections.Section.MaxDescriptionLength;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
}
