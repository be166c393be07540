using Masthead.Core.Articles;
using Masthead.Core.Sections;
using Masthead.Core.SiteData;

namespace Masthead.Core.FrontPage;

/// <summary>
/// The front page as readers see it, from a curation (the saved one, or one an editor is previewing): the chosen
/// stories in their slots, the empty slots filled with the latest stories, then the section blocks, each with its
/// section's latest stories that are not already above. One statement reads every story it shows.
/// </summary>
public sealed class FrontPageQueries(ArticleQueries articles, FrontPageService curation, SiteDataService siteData, FrontPageContentCache held)
{
    /// <summary>
    /// The front page as saved, from <see cref="FrontPageContentCache"/> or else built and held. The curation and the
    /// sections are read inside the load, after the cache notes its generation, so a change committed meanwhile is
    /// never held: their caches are cleared before this one (Hosting/ChangeReactions.cs).
    /// </summary>
    public ValueTask<FrontPageContent> CurrentAsync(CancellationToken cancellationToken = default) =>
        held.GetOrLoadAsync(async () =>
            await BuildAsync(await curation.GetAsync(cancellationToken), (await siteData.GetAsync(cancellationToken)).Sections, cancellationToken));

    public async Task<FrontPageContent> BuildAsync(FrontPageCuration curation, IReadOnlyList<SectionView> sections, CancellationToken cancellationToken = default)
    {
        var chosen = curation.Stories.Where(s => s.Slot is >= 0 and < FrontPageLayout.Slots).ToList();
        var blocks = curation.BlocksOf(sections).Where(b => b.Setting.Shown).ToList();
        var candidates = await articles.FrontAsync(
            FrontPageLayout.Slots + chosen.Count,
            [.. chosen.Select(s => s.ArticleId)],
            [.. blocks.Select(b => (b.Section.Id, b.Setting.StoryCount + FrontPageLayout.Slots))],
            cancellationToken);

        var slots = new FrontPageSlotContent[FrontPageLayout.Slots];
        foreach (var story in chosen)
        {
            // A chosen story that is no longer published leaves its slot to the latest.
            if (candidates.Chosen.TryGetValue(story.ArticleId, out var summary))
            {
                slots[story.Slot] = new FrontPageSlotContent(summary, Curated: true);
            }
        }

        var taken = slots.Where(s => s?.Story is not null).Select(s => s!.Story!.Id).ToHashSet();
        var latest = candidates.Newest.Where(a => !taken.Contains(a.Id)).ToList();
        if (slots[0] is null)
        {
            // Left to itself, the lead is the newest story with a picture.
            var lead = latest.Take(FrontPageLayout.Slots).FirstOrDefault(a => a.LeadImage is not null) ?? latest.FirstOrDefault();
            slots[0] = new FrontPageSlotContent(lead, Curated: false);
            latest.Remove(lead!);
        }

        var next = 0;
        for (var slot = 1; slot < slots.Length; slot++)
        {
            slots[slot] ??= new FrontPageSlotContent(next < latest.Count ? latest[next++] : null, Curated: false);
        }

        var shown = slots.Where(s => s.Story is not null).Select(s => s.Story!.Id).ToHashSet();
        var sectionBlocks = blocks
            .Select(b => new FrontPageSectionBlock(b.Section, [.. candidates.BySection[b.Section.Id].Where(a => !shown.Contains(a.Id)).Take(b.Setting.StoryCount)]))
            .Where(b => b.Stories.Count > 0)
            .ToList();
        return new FrontPageContent(slots, sectionBlocks);
    }
}
