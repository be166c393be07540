using Masthead.Core.Articles;

namespace Masthead.Core.Import;

/// <summary>A person named by the old site (an author, a co-author, a Ghost user).</summary>
/// <param name="Id">Their id there (a WordPress login, a Ghost user id).</param>
/// <param name="Slug">Their author address there, which becomes theirs here when it is free.</param>
internal sealed record SourcePerson(string Id, string Name, string Slug, string Bio = "", string? PhotoUrl = null);

/// <summary>A category or tag.</summary>
/// <param name="Id">How the old site's items name it: its slug, or a Ghost tag's id.</param>
/// <param name="OldPath">Its archive's address there, such as <c>/category/news</c>.</param>
internal sealed record SourceTerm(string Id, string Slug, string Name, string Description, string OldPath);

internal enum SourceState
{
    Published,
    Draft,
    InReview,
    Scheduled,
    Private,
}

/// <summary>A post or page, its content already Markdown, its images already in the library.</summary>
/// <param name="Item">How the report names it: "post 123: Headline".</param>
/// <param name="OldPaths">Its addresses on the old site, each of which will answer 301 here.</param>
internal sealed record SourcePost(
    string Id,
    bool IsPage,
    string Item,
    string Title,
    string Slug,
    SourceState State,
    DateTime? Date,
    DateTime? Modified,
    string Markdown,
    string Standfirst,
    IReadOnlyList<SourcePerson> Authors,
    SourceTerm? Section,
    IReadOnlyList<SourceTerm> Tags,
    LeadImageView? LeadImage,
    IReadOnlyList<string> OldPaths);
