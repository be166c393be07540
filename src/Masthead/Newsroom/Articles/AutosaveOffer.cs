using Masthead.Core.Autosaves;
using Masthead.Core.Revisions;

namespace Masthead.Newsroom.Articles;

/// <summary>
/// A person's autosave offered back when they open the editor: when it was kept, how it differs from the article,
/// and whether someone saved the article since it was begun (saving it then shows the conflict page).
/// </summary>
public sealed record AutosaveOffer(DateTime KeptAt, IReadOnlyList<FieldDiff> Changes, IReadOnlyList<string> OtherChanges, bool SavedSince)
{
    /// <summary>The autosave's form and the offer of it, when it holds anything the <paramref name="current"/> form does not.</summary>
    public static (ArticleForm Form, AutosaveOffer Offer)? Of(AutosaveView? kept, ArticleForm current, int currentVersion)
    {
        if (kept is null || AutosaveFields.Read(kept.Fields) is not { } form)
        {
            return null;
        }

        var (mine, theirs) = (AutosaveFields.Stored.Of(form), AutosaveFields.Stored.Of(current));
        if (mine == theirs)
        {
            return null;
        }

        form.Version = kept.BaseVersion;
        FieldDiff[] changes =
        [
            new("Headline", WordDiff.Compare(theirs.Headline, mine.Headline)),
            new("Standfirst", WordDiff.Compare(theirs.Standfirst, mine.Standfirst)),
            new("Body", WordDiff.Compare(theirs.Body, mine.Body)),
        ];
        var others = new (string Name, bool Differs)[]
        {
            ("slug", mine.Slug != theirs.Slug),
            ("section", mine.Section != theirs.Section),
            ("tags", mine.Tags != theirs.Tags),
            ("bylines", mine.Bylines != theirs.Bylines),
            ("lead image", mine.LeadImage != theirs.LeadImage),
            ("search and social", mine.SearchAndSocial != theirs.SearchAndSocial),
            ("revision note", mine.Note != theirs.Note),
        };
        return (form, new AutosaveOffer(kept.SavedAt, changes, [.. others.Where(o => o.Differs).Select(o => o.Name)], kept.BaseVersion != currentVersion));
    }
}
