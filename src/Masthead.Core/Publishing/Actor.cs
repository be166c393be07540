using Masthead.Core.People;

namespace Masthead.Core.Publishing;

/// <summary>Who is acting: a signed-in staff member, an Admin API key, or the system itself (imports, the demo, the scheduler).</summary>
public sealed record Actor(int? StaffId, NewsroomRole Role, string Name)
{
    /// <summary>The Admin API key acting, which owns what it creates as a person owns their drafts; null for anyone else.</summary>
    public int? ApiKeyId { get; init; }

    public static Actor System { get; } = new(null, NewsroomRole.Administrator, "Masthead");

    public bool IsAtLeast(NewsroomRole role) => Role >= role;

    public static Actor For(StaffMember member) => new(member.Id, member.Role, member.Name);
}
