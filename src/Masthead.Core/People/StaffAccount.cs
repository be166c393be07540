using Microsoft.AspNetCore.Identity;

namespace Masthead.Core.People;

/// <summary>A staff member's sign-in: email, password hash, lockout. The profile and role live on <see cref="StaffMember"/>.</summary>
public sealed class StaffAccount : IdentityUser<int>
{
    /// <summary>The length Identity gives the email and user name columns.</summary>
    public const int MaxEmailLength = 256;

    public int StaffMemberId { get; set; }
    public StaffMember? StaffMember { get; set; }
}
