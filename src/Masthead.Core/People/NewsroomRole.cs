namespace Masthead.Core.People;

/// <summary>What a staff member may do in the newsroom; each role includes everything the ones before it may do.</summary>
public enum NewsroomRole
{
    Contributor = 0,
    Reporter = 1,
    Editor = 2,
    Administrator = 3,
}
