using Masthead.Core.Sections;

namespace Masthead.Core.FrontPage;

/// <summary>The front page's shape: the lead and the top stories above the section blocks.</summary>
public static class FrontPageLayout
{
    /// <summary>The lead (slot 0) and six top stories.</summary>
    public const int Slots = 7;

    public const int DefaultBlockStories = 4;
    public const int MaxBlockStories = 12;

    public static string SlotName(int slot) => slot == 0 ? "Lead story" : $"Top story {slot}";
}

/// <summary>A story an editor put in a slot, and until when it stays there (null: until an editor changes it).</summary>
public sealed record CuratedStory(int Slot, int ArticleId, DateTime? PinnedUntil);

/// <summary>How one section's block shows on the front page.</summary>
public sealed record SectionBlockSetting(int SectionId, bool Shown, int StoryCount);

/// <summary>
/// What editors chose for the front page: stories in slots, and the section blocks in order. A section with no saved
/// setting (every section, until the blocks are first saved; a section created since) shows at the end with
/// <see cref="FrontPageLayout.DefaultBlockStories"/> stories.
/// </summary>
public sealed record FrontPageCuration(IReadOnlyList<CuratedStory> Stories, IReadOnlyList<SectionBlockSetting> Blocks)
{
    public static FrontPageCuration Empty { get; } = new([], []);

    /// <summary>Every section's block setting, in front-page order: the saved ones, then the sections without one.</summary>
    public IReadOnlyList<(SectionView Section, SectionBlockSetting Setting)> BlocksOf(IReadOnlyList<SectionView> sections)
    {
        var byId = sections.ToDictionary(s => s.Id);
        var saved = Blocks.Where(b => byId.ContainsKey(b.SectionId)).Select(b => (byId[b.SectionId], b)).ToList();
        var unsaved = sections.Where(s => !Blocks.Any(b => b.SectionId == s.Id))
            .Select(s => (s, new SectionBlockSetting(s.Id, true, FrontPageLayout.DefaultBlockStories)));
        return [.. saved, .. unsaved];
    }
}

/// <summary>One slot of the front page as readers see it: the story, and whether an editor put it there.</summary>
public sealed record FrontPageSlotContent(Articles.ArticleSummary? Story, bool Curated);

public sealed record FrontPageSectionBlock(SectionView Section, IReadOnlyList<Articles.ArticleSummary> Stories);

/// <summary>The front page as readers see it: the lead, the top stories and the section blocks.</summary>
public sealed record FrontPageContent(IReadOnlyList<FrontPageSlotContent> Slots, IReadOnlyList<FrontPageSectionBlock> Blocks)
{
    public Articles.ArticleSummary? Lead => Slots.Count > 0 ? Slots[0].Story : null;

    public IReadOnlyList<Articles.ArticleSummary> TopStories => [.. Slots.Skip(1).Where(s => s.Story is not null).Select(s => s.Story!)];
}
