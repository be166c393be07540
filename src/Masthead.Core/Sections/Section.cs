namespace Masthead.Core.Sections;

public sealed class Section
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 1000;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";

    /// <summary>Order in navigation and on the front page; lower first.</summary>
    public int Position { get; set; }
}
