namespace Masthead.Core.People;

public sealed class StaffMember
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string JobTitle { get; set; } = "";
    public string Bio { get; set; } = "";
    public string? PhotoUrl { get; set; }
    public string? PublicEmail { get; set; }

    /// <summary>Order on the staff page; lower first.</summary>
    public int Position { get; set; }

    public NewsroomRole Role { get; set; } = NewsroomRole.Contributor;

    /// <summary>A deactivated person leaves the staff page; their bylines stay.</summary>
    public bool IsActive { get; set; } = true;
}
