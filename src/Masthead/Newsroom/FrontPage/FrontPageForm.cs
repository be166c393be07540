using System.Globalization;
using Masthead.Core.FrontPage;
using Masthead.Core.Sections;

namespace Masthead.Newsroom.FrontPage;

/// <summary>
/// The front-page editor's fields, posted whole on every action so nothing is stored until Save: a story (or none,
/// for the latest) and how long to keep it for each slot, and each section's block in order.
/// </summary>
public sealed class FrontPageForm
{
    public List<SlotField> Slots { get; set; } = [];
    public List<BlockField> Blocks { get; set; } = [];

    /// <summary>What the editor searched for, to pick stories from.</summary>
    public string? Query { get; set; }

    public static FrontPageForm From(FrontPageCuration curation, IReadOnlyList<SectionView> sections)
    {
        var form = new FrontPageForm
        {
            Blocks = [.. curation.BlocksOf(sections).Select(b => new BlockField { SectionId = b.Section.Id, Shown = b.Setting.Shown, StoryCount = b.Setting.StoryCount })],
        };
        form.Normalize(sections);
        foreach (var story in curation.Stories.Where(s => s.Slot < FrontPageLayout.Slots))
        {
            form.Slots[story.Slot] = new SlotField { ArticleId = story.ArticleId, Keep = KeepChoices.Until(story.PinnedUntil) };
        }

        return form;
    }

    /// <summary>Makes what was posted whole: every slot once, and a block for every section there is, once.</summary>
    public void Normalize(IReadOnlyList<SectionView> sections)
    {
        Slots = [.. Slots.Take(FrontPageLayout.Slots)];
        while (Slots.Count < FrontPageLayout.Slots)
        {
            Slots.Add(new SlotField());
        }

        var known = sections.Select(s => s.Id).ToHashSet();
        Blocks = [.. Blocks.Where(b => known.Contains(b.SectionId)).DistinctBy(b => b.SectionId)];
        Blocks.AddRange(sections.Where(s => Blocks.All(b => b.SectionId != s.Id))
            .Select(s => new BlockField { SectionId = s.Id, Shown = true, StoryCount = FrontPageLayout.DefaultBlockStories }));
    }

    public FrontPageCuration ToCuration(DateTime now) => new(
        [.. Slots.Select((slot, i) => (slot, i)).Where(s => s.slot.ArticleId is not null)
            .Select(s => new CuratedStory(s.i, s.slot.ArticleId!.Value, KeepChoices.PinnedUntil(s.slot.Keep, now)))],
        [.. Blocks.Select(b => new SectionBlockSetting(b.SectionId, b.Shown, b.StoryCount))]);

    /// <summary>The slot holding <paramref name="articleId"/>, if any.</summary>
    public int? SlotOf(int articleId) => Slots.FindIndex(s => s.ArticleId == articleId) is var i and >= 0 ? i : null;

    /// <returns>Where the item went.</returns>
    public static int Move<T>(List<T> items, int index, int by)
    {
        var to = Math.Clamp(index + by, 0, items.Count - 1);
        if (index < 0 || index >= items.Count || to == index)
        {
            return Math.Clamp(index, 0, items.Count - 1);
        }

        var item = items[index];
        items.RemoveAt(index);
        items.Insert(to, item);
        return to;
    }

    /// <summary>
    /// Puts a story in the lead, or in the first top-story slot the latest fills; a story already on the page moves.
    /// </summary>
    /// <returns>Its slot, or null when every top-story slot already holds a chosen story.</returns>
    public int? Place(int articleId, bool asLead)
    {
        var current = SlotOf(articleId);
        if (asLead)
        {
            if (current is { } from)
            {
                Slots[from] = new SlotField();
            }

            Slots[0] = new SlotField { ArticleId = articleId };
            return 0;
        }

        if (current is > 0)
        {
            return current;
        }

        var free = Slots.FindIndex(1, s => s.ArticleId is null);
        if (free < 0)
        {
            return null;
        }

        if (current == 0)
        {
            Slots[0] = new SlotField();
        }

        Slots[free] = new SlotField { ArticleId = articleId };
        return free;
    }
}

public sealed class SlotField
{
    /// <summary>The chosen story; null leaves the slot to the latest.</summary>
    public int? ArticleId { get; set; }

    /// <summary>How long the story stays: see <see cref="KeepChoices"/>.</summary>
    public string? Keep { get; set; }
}

public sealed class BlockField
{
    public int SectionId { get; set; }
    public bool Shown { get; set; }
    public int StoryCount { get; set; } = FrontPageLayout.DefaultBlockStories;
}

/// <summary>
/// How long a chosen story stays in its slot: until an editor changes it (""), for a while from the moment of saving
/// ("6h"), or until a time already set ("until:" and the time).
/// </summary>
public static class KeepChoices
{
    public static readonly IReadOnlyList<(string Value, string Label, TimeSpan Length)> Durations =
    [
        ("1h", "for 1 hour", TimeSpan.FromHours(1)),
        ("3h", "for 3 hours", TimeSpan.FromHours(3)),
        ("6h", "for 6 hours", TimeSpan.FromHours(6)),
        ("12h", "for 12 hours", TimeSpan.FromHours(12)),
        ("1d", "for a day", TimeSpan.FromDays(1)),
        ("2d", "for two days", TimeSpan.FromDays(2)),
        ("7d", "for a week", TimeSpan.FromDays(7)),
    ];

    private const string UntilPrefix = "until:";

    public static string Until(DateTime? pinnedUntil) =>
        pinnedUntil is { } until ? UntilPrefix + until.ToString("O", CultureInfo.InvariantCulture) : "";

    /// <summary>The time set by a kept "until:" choice, if it is one.</summary>
    public static DateTime? SetTime(string? keep) =>
        keep is not null && keep.StartsWith(UntilPrefix, StringComparison.Ordinal)
        && DateTime.TryParse(keep[UntilPrefix.Length..], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var until)
            ? DateTime.SpecifyKind(until, DateTimeKind.Utc)
            : null;

    /// <summary>When the story leaves its slot, for a story saved at <paramref name="now"/>; null: when an editor changes it.</summary>
    public static DateTime? PinnedUntil(string? keep, DateTime now) =>
        Durations.FirstOrDefault(d => d.Value == keep) is { Value: not null } duration ? now + duration.Length : SetTime(keep);
}
