using Masthead.Core.Articles;
using Masthead.Core.Events;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Masthead.Core.Storage;
using Masthead.Core.Tags;
using Masthead.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Events;

/// <summary>
/// Events are dispatched once, after the outermost transaction commits, whoever opened it; a change rolled back,
/// abandoned or refused by the database raises nothing, then or later.
/// </summary>
public sealed class ChangeEventDispatchTests : IAsyncLifetime
{
    private const string RefusedTag = "Refused by the database";
    private static readonly Actor Editor = new(null, NewsroomRole.Editor, "Test editor");
    private readonly RecordingRelay _relay = new();
    private MastheadServer _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await MastheadServer.StartAsync(demo: true, services: services => services.AddSingleton<IChangeEventRelay>(_relay));

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Inviting_staff_raises_its_events_once_the_invitation_its_profile_and_its_email_are_committed()
    {
        _relay.Probe = () => _server.InScopeAsync(services =>
            services.GetRequiredService<MastheadDb>().Staff.AnyAsync(s => s.Name == "Ines Okafor")).GetAwaiter().GetResult();
        _relay.Clear();

        await _server.InScopeAsync(services => services.GetRequiredService<StaffAccountService>()
            .InviteAsync(new Actor(null, NewsroomRole.Administrator, "Test administrator"), "Ines Okafor", "ines@example.org", NewsroomRole.Reporter));

        var batch = Assert.Single(_relay.Batches);
        Assert.Equal([new SiteChanged(SiteArea.Staff), new MailQueued()], batch.Events); // the email wakes the senders
        Assert.Equal(true, batch.Probed); // another connection could already read the new profile
    }

    [Fact]
    public async Task Services_inside_a_callers_transaction_raise_their_events_when_the_caller_commits()
    {
        _relay.Clear();
        await _server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            var tags = services.GetRequiredService<TagService>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var id = await tags.CreateAsync(Editor, "Short-lived tag");
            await services.GetRequiredService<SectionService>().CreateAsync(Editor, "Short-lived section");
            await tags.DeleteAsync(Editor, id); // opens no transaction of its own inside the caller's
            Assert.Empty(_relay.Batches);

            await transaction.CommitAsync();
        });

        var batch = Assert.Single(_relay.Batches);
        Assert.Equal([new SiteChanged(SiteArea.Tags), new SiteChanged(SiteArea.Sections)], batch.Events);
    }

    [Fact]
    public async Task A_rolled_back_or_abandoned_change_raises_nothing_then_or_later()
    {
        _relay.Clear();
        await _server.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MastheadDb>();
            await using (var rolledBack = await db.Database.BeginTransactionAsync())
            {
                await services.GetRequiredService<TagService>().CreateAsync(Editor, "Rolled back tag");
                await rolledBack.RollbackAsync();
            }

            await using (await db.Database.BeginTransactionAsync())
            {
                await services.GetRequiredService<StaffService>().CreateAsync(new StaffInput("Abandoned Person", "Reporter"));
            } // disposed without a commit

            db.ChangeTracker.Clear();
            await services.GetRequiredService<SectionService>().CreateAsync(Editor, "Committed section");
        });

        var batch = Assert.Single(_relay.Batches);
        Assert.Equal([new SiteChanged(SiteArea.Sections)], batch.Events);
        Assert.False(await _server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Tags.AnyAsync(t => t.Name == "Rolled back tag")));
        Assert.False(await _server.InScopeAsync(services => services.GetRequiredService<MastheadDb>().Staff.AnyAsync(s => s.Name == "Abandoned Person")));
    }

    [Fact]
    public async Task A_save_the_database_refuses_raises_nothing_then_or_later()
    {
        await _server.InScopeAsync(services => RefuseTagAsync(services.GetRequiredService<MastheadDb>()));
        _relay.Clear();
        await _server.InScopeAsync(async services =>
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => services.GetRequiredService<TagService>().CreateAsync(Editor, RefusedTag));
            services.GetRequiredService<MastheadDb>().ChangeTracker.Clear();
            await services.GetRequiredService<SectionService>().CreateAsync(Editor, "Section after a refusal");
        });

        var batch = Assert.Single(_relay.Batches);
        Assert.Equal([new SiteChanged(SiteArea.Sections)], batch.Events);
    }

    [Fact]
    public async Task An_edit_and_a_publication_in_one_transaction_raise_one_event_naming_every_page_touched()
    {
        var (reporter, world, politics) = await _server.InScopeAsync(async services =>
        {
            var sections = await services.GetRequiredService<SectionService>().ListAsync();
            var tobias = await services.GetRequiredService<StaffService>().GetBySlugAsync("tobias-wren");
            return (new Actor(tobias!.Id, NewsroomRole.Reporter, tobias.Name), sections.Single(s => s.Name == "World").Id, sections.Single(s => s.Name == "Politics").Id);
        });
        var id = await _server.InScopeAsync(services => services.GetRequiredService<ArticleService>()
            .CreateAsync(reporter, new ArticleInput { Headline = "Moved, then published", SectionId = world }));
        _relay.Clear();

        await _server.InScopeAsync(async services =>
        {
            await using var transaction = await services.GetRequiredService<MastheadDb>().Database.BeginTransactionAsync();
            await services.GetRequiredService<ArticleService>().UpdateAsync(reporter, id,
                new ArticleInput { Headline = "Moved, then published", SectionId = politics, AuthorIds = [reporter.StaffId!.Value] }, expectedVersion: 1);
            await services.GetRequiredService<PublishingService>().PublishAsync(reporter, id);
            await transaction.CommitAsync();
        });

        var change = Assert.IsType<ArticleChanged>(Assert.Single(Assert.Single(_relay.Batches).Events));
        Assert.Equal(id, change.ArticleId);
        Assert.Equal(new[] { politics, world }.Order(), change.SectionIds.Order());
        Assert.Equal([reporter.StaffId!.Value], change.AuthorIds);
    }

    /// <summary>A trigger that fails the insert of <see cref="RefusedTag"/>, so a save fails inside the database itself.</summary>
    private static Task RefuseTagAsync(MastheadDb db) => db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql()
        ? """
          CREATE FUNCTION refuse_tag() RETURNS trigger AS $$
          BEGIN
              IF NEW."Name" = 'Refused by the database' THEN RAISE EXCEPTION 'refused'; END IF;
              RETURN NEW;
          END $$ LANGUAGE plpgsql;
          CREATE TRIGGER refuse_tag BEFORE INSERT ON "Tags" FOR EACH ROW EXECUTE FUNCTION refuse_tag();
          """
        : """
          CREATE TRIGGER refuse_tag BEFORE INSERT ON "Tags" WHEN NEW."Name" = 'Refused by the database'
          BEGIN SELECT RAISE(ABORT, 'refused'); END;
          """);
}
