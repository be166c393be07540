using Masthead.Core.People;

namespace Masthead.Core.Demo;

/// <summary>
/// Sign-ins for trying the newsroom on the demo publication, one per role. Their passwords are published in the
/// README, so they exist only in a demo database.
/// </summary>
public static class DemoAccounts
{
    public static string PasswordFor(NewsroomRole role) => $"lantern-{role.ToString().ToLowerInvariant()}";

    public static string EmailFor(string slug) => $"{slug}@larkmoorlantern.example";
}
