namespace Masthead.Core.People;

/// <summary>A staff member as the staff page, author pages and bylines show them.</summary>
public sealed record StaffProfile(int Id, string Slug, string Name, string JobTitle, string Bio, string? PhotoUrl, string? PublicEmail);

public sealed record StaffInput(string Name, string JobTitle, string Bio = "", string? PhotoUrl = null, string? PublicEmail = null, string? Slug = null,
    NewsroomRole Role = NewsroomRole.Contributor);

/// <summary>What a profile edit may change: never the slug (author page addresses are public) and never the role.</summary>
public sealed record ProfileInput(string Name, string JobTitle, string Bio, string? PhotoUrl, string? PublicEmail);
