using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Publishing;

namespace Masthead.Core.Tests;

public sealed class PermissionTests
{
    private const int Writer = 7;
    private static readonly Actor Contributor = new(Writer, NewsroomRole.Contributor, "C");
    private static readonly Actor Reporter = new(Writer, NewsroomRole.Reporter, "R");
    private static readonly Actor OtherReporter = new(99, NewsroomRole.Reporter, "O");
    private static readonly Actor Editor = new(50, NewsroomRole.Editor, "E");
    private static readonly Actor Administrator = new(60, NewsroomRole.Administrator, "A");

    private static ArticleAccess Own(ArticleStatus status) => new(status, Writer, [Writer]);

    [Theory]
    [InlineData(ArticleStatus.Draft, true)]
    [InlineData(ArticleStatus.InReview, true)]
    [InlineData(ArticleStatus.Scheduled, false)]
    [InlineData(ArticleStatus.Published, false)]
    public void Contributors_edit_only_their_own_unpublished_drafts(ArticleStatus status, bool allowed)
    {
        Assert.Equal(allowed, Permissions.CanEdit(Contributor, Own(status)));
        Assert.False(Permissions.CanPublish(Contributor, Own(status)));
        Assert.False(Permissions.CanSchedule(Contributor, Own(status)));
    }

    [Fact]
    public void Reporters_publish_schedule_and_update_their_own_articles_only()
    {
        Assert.True(Permissions.CanPublish(Reporter, Own(ArticleStatus.Draft)));
        Assert.True(Permissions.CanEdit(Reporter, Own(ArticleStatus.Published)));
        Assert.False(Permissions.CanPublish(OtherReporter, Own(ArticleStatus.Draft)));
        Assert.False(Permissions.CanEdit(OtherReporter, Own(ArticleStatus.Draft)));
        Assert.False(Permissions.CanEdit(Reporter, Own(ArticleStatus.Unpublished)));
        Assert.False(Permissions.CanUnpublish(Reporter));
        Assert.False(Permissions.CanReview(Reporter));
    }

    [Fact]
    public void A_byline_makes_an_article_ones_own_as_much_as_writing_it()
    {
        var bylined = new ArticleAccess(ArticleStatus.Draft, CreatedById: 1, AuthorIds: [Writer]);

        Assert.True(Permissions.CanEdit(Reporter, bylined));
        Assert.True(Permissions.CanPublish(Reporter, bylined));
    }

    [Fact]
    public void Editors_run_the_desk_but_not_the_staff_or_settings()
    {
        foreach (var status in Enum.GetValues<ArticleStatus>())
        {
            Assert.True(Permissions.CanEdit(Editor, Own(status)));
        }

        Assert.True(Permissions.CanUnpublish(Editor));
        Assert.True(Permissions.CanAddNotes(Editor));
        Assert.True(Permissions.CanWorkInbox(Editor));
        Assert.True(Permissions.CanManageTaxonomy(Editor));
        Assert.False(Permissions.CanAdminister(Editor));
        Assert.True(Permissions.CanAdminister(Administrator));
    }

    [Fact]
    public void Demand_refuses_with_a_message_naming_the_action()
    {
        var refusal = Assert.Throws<ForbiddenException>(() => Permissions.Demand(false, "publish this article"));

        Assert.Equal("Your role does not allow you to publish this article.", refusal.Message);
    }
}
