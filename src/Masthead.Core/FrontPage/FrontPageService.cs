using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.FrontPage;

/// <summary>
/// Editors' choices for the front page. Read on every front-page render, so held in memory (<see cref="FrontPageCache"/>)
/// until a change clears it. The articles in its slots are the publication's featured articles: the Content API's
/// <c>featured</c> is kept equal to them on every save and when a pin runs out.
/// </summary>
public sealed class FrontPageService(MastheadDb db, FrontPageCache cache, TimeProvider time)
{
    public ValueTask<FrontPageCuration> GetAsync(CancellationToken cancellationToken = default) =>
        cache.GetOrLoadAsync(() => ReadAsync(cancellationToken));

    /// <summary>Replaces the curation with <paramref name="proposed"/>; readers on every node see it at once.</summary>
    public async Task SaveAsync(Actor actor, FrontPageCuration proposed, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanCurate(actor), "choose the front page");
        var now = time.GetUtcNow().UtcDateTime;
        var featured = proposed.Stories.Select(s => s.ArticleId).ToList();
        await db.CheckAgainIfRacedAsync(() => db.InTransactionAsync(async () =>
        {
            // Two editors saving at once: one front page, then the other, never half of each; a story deleted
            // meanwhile is found gone by the check run again.
            await db.LockNewsroomAsync(cancellationToken);
            await CheckAsync(proposed, now, cancellationToken);
            await db.FrontPageSlots.ExecuteDeleteAsync(cancellationToken);
            await db.FrontPageBlocks.ExecuteDeleteAsync(cancellationToken);
            db.FrontPageSlots.AddRange(proposed.Stories.Select(s => new FrontPageSlot { Position = s.Slot, ArticleId = s.ArticleId, PinnedUntil = s.PinnedUntil }));
            db.FrontPageBlocks.AddRange(proposed.Blocks.Select((b, i) => new FrontPageBlock { SectionId = b.SectionId, Position = i, Shown = b.Shown, StoryCount = b.StoryCount }));
            await db.Articles.Where(a => a.Featured && !featured.Contains(a.Id)).ExecuteUpdateAsync(set => set.SetProperty(a => a.Featured, false), cancellationToken);
            await db.Articles.Where(a => !a.Featured && featured.Contains(a.Id)).ExecuteUpdateAsync(set => set.SetProperty(a => a.Featured, true), cancellationToken);
            db.Record(now, actor, AuditActions.FrontPageChanged, details: $"{proposed.Stories.Count} chosen stories, {proposed.Blocks.Count(b => b.Shown)} section blocks");
            db.Raise(new FrontPageChanged());
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken));
    }

    /// <summary>Takes stories whose pin has run out off the front page; their slots fill with the latest again.</summary>
    /// <returns>How many stories left the front page.</returns>
    public async Task<int> ExpirePinsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (!await db.FrontPageSlots.AnyAsync(s => s.PinnedUntil <= now, cancellationToken))
        {
            return 0;
        }

        var expired = 0;
        await db.InTransactionAsync(async () =>
        {
            await db.LockNewsroomAsync(cancellationToken); // after a save that is under way, not halfway through it
            var articleIds = await db.FrontPageSlots.Where(s => s.PinnedUntil <= now).Select(s => s.ArticleId).ToListAsync(cancellationToken);
            expired = await db.FrontPageSlots.Where(s => s.PinnedUntil <= now).ExecuteDeleteAsync(cancellationToken);
            await db.Articles.Where(a => articleIds.Contains(a.Id)).ExecuteUpdateAsync(set => set.SetProperty(a => a.Featured, false), cancellationToken);
            if (expired > 0)
            {
                db.Raise(new FrontPageChanged()); // another node may have taken them off first, and told everyone
            }
        }, cancellationToken);
        return expired;
    }

    private async Task<FrontPageCuration> ReadAsync(CancellationToken cancellationToken)
    {
        var stories = await db.FrontPageSlots.AsNoTracking().OrderBy(s => s.Position)
            .Select(s => new CuratedStory(s.Position, s.ArticleId, s.PinnedUntil)).ToListAsync(cancellationToken);
        var blocks = await db.FrontPageBlocks.AsNoTracking().OrderBy(b => b.Position)
            .Select(b => new SectionBlockSetting(b.SectionId, b.Shown, b.StoryCount)).ToListAsync(cancellationToken);
        return new FrontPageCuration(stories, blocks);
    }

    private async Task CheckAsync(FrontPageCuration proposed, DateTime now, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string>();
        var ids = proposed.Stories.Select(s => s.ArticleId).ToList();
        var articles = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Headline, a.Status }).ToDictionaryAsync(a => a.Id, cancellationToken);
        foreach (var story in proposed.Stories)
        {
            var field = $"Slots[{story.Slot}]";
            if (story.Slot is < 0 or >= FrontPageLayout.Slots || proposed.Stories.Count(s => s.Slot == story.Slot) > 1)
            {
                problems[field] = $"The front page has {FrontPageLayout.Slots} slots, each for one story.";
            }
            else if (!articles.TryGetValue(story.ArticleId, out var article))
            {
                problems[field] = "That story no longer exists; choose another.";
            }
            else if (article.Status != ArticleStatus.Published)
            {
                problems[field] = $"“{article.Headline}” is not published; only published stories can go on the front page.";
            }
            else if (proposed.Stories.Count(s => s.ArticleId == story.ArticleId) > 1)
            {
                problems[field] = $"“{article.Headline}” is in two slots; a story goes in one.";
            }
            else if (story.PinnedUntil <= now)
            {
                problems[field] = $"The time to keep “{article.Headline}” in this slot has passed; choose how long to keep it again.";
            }
        }

        var sectionIds = proposed.Blocks.Select(b => b.SectionId).ToList();
        var sections = await db.Sections.AsNoTracking().Where(s => sectionIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < proposed.Blocks.Count; i++)
        {
            var block = proposed.Blocks[i];
            if (!sections.Contains(block.SectionId) || sectionIds.Count(id => id == block.SectionId) > 1)
            {
                problems[$"Blocks[{i}]"] = "That section no longer exists, or is listed twice.";
            }
            else if (block.StoryCount is < 1 or > FrontPageLayout.MaxBlockStories)
            {
                problems[$"Blocks[{i}]"] = $"A section block shows from 1 to {FrontPageLayout.MaxBlockStories} stories.";
            }
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }
    }
}
