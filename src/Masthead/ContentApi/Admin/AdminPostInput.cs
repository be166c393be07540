using System.Text.Json;
using Masthead.Core;
using Masthead.Core.Articles;
using Masthead.Core.ContentApi;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Masthead.Core.Tags;
using Masthead.Core.Text;

namespace Masthead.ContentApi.Admin;

/// <summary>
/// A post as Ghost's Admin API sends it, read onto an article's input: title, html (with source=html), slug,
/// custom_excerpt, feature_image with its alt and caption, tags (the first that names a section becomes the section;
/// new ones are created) and authors (by id, slug or email; none means the publication's senior staff member). What
/// the post leaves out keeps its current value.
/// </summary>
internal sealed class AdminPostInput(TagService tags, SectionService sections, StaffService staff, ContentPageQueries pages)
{
    /// <param name="current">The article being edited, or null for a new one.</param>
    public async Task<ArticleInput> ReadAsync(JsonElement post, bool html, ArticleDraft? current, string baseUrl, Actor actor, CancellationToken cancellationToken)
    {
        var title = Text(post, "title") ?? current?.Headline ?? "(Untitled)";
        var body = Body(post, html) ?? current?.BodyMarkdown ?? "";
        var (sectionId, tagIds) = post.TryGetProperty("tags", out var tagList) && tagList.ValueKind == JsonValueKind.Array
            ? await TagsAsync(tagList, actor, cancellationToken)
            : (current?.SectionId, current?.TagIds ?? []);
        var authorIds = post.TryGetProperty("authors", out var authorList) && authorList.ValueKind == JsonValueKind.Array
            ? await AuthorsAsync(authorList, cancellationToken)
            : current?.AuthorIds ?? [];
        if (authorIds.Count == 0 && actor.StaffId is null && await pages.OwnerAsync(cancellationToken) is { } owner)
        {
            authorIds = [owner.Id];
        }

        return new ArticleInput
        {
            Headline = title,
            Slug = Text(post, "slug") ?? current?.Slug,
            Standfirst = post.TryGetProperty("custom_excerpt", out _) ? Text(post, "custom_excerpt") ?? "" : current?.Standfirst ?? "",
            BodyMarkdown = body,
            SectionId = sectionId,
            TagIds = tagIds,
            AuthorIds = authorIds,
            LeadImage = post.TryGetProperty("feature_image", out _) ? Image(post, title, baseUrl) : current?.LeadImage,
        };
    }

    /// <summary>The body a post or page sends, as Markdown; null when it sends none.</summary>
    public static string? Body(JsonElement item, bool html)
    {
        if (Text(item, "html") is { } markup)
        {
            return html ? HtmlMarkdown.Convert(markup) : throw ValidationException.For("html", "Send html with ?source=html; Masthead stores neither lexical nor mobiledoc.");
        }

        return item.TryGetProperty("lexical", out _) || item.TryGetProperty("mobiledoc", out _)
            ? throw ValidationException.For("lexical", "Masthead does not read lexical or mobiledoc: send html with ?source=html.")
            : null;
    }

    private static LeadImageView? Image(JsonElement post, string title, string baseUrl)
    {
        if (Text(post, "feature_image") is not { } url)
        {
            return null;
        }

        // One of this site's own images is kept by its path, as the newsroom keeps it.
        var address = url.StartsWith(baseUrl + "/", StringComparison.OrdinalIgnoreCase) ? url[baseUrl.Length..] : url;
        return new LeadImageView(address, Text(post, "feature_image_alt") ?? title, Text(post, "feature_image_caption"), null);
    }

    private async Task<(int? Section, IReadOnlyList<int> Tags)> TagsAsync(JsonElement list, Actor actor, CancellationToken cancellationToken)
    {
        var allSections = await sections.ListAsync(cancellationToken);
        int? section = null;
        var ids = new List<int>();
        foreach (var entry in list.EnumerateArray())
        {
            var name = entry.ValueKind == JsonValueKind.String ? entry.GetString() : Text(entry, "name");
            var slug = entry.ValueKind == JsonValueKind.Object ? Text(entry, "slug") : null;
            slug ??= name is null ? null : Slugs.Slugify(name);
            if (slug is null)
            {
                continue;
            }

            if (section is null && allSections.Find(s => s.Slug == slug || s.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } match)
            {
                section = match.Id;
                continue;
            }

            var id = (await tags.GetBySlugAsync(slug, cancellationToken))?.Id ?? await tags.CreateAsync(actor, name ?? slug, slug, cancellationToken: cancellationToken);
            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return (section, ids);
    }

    private async Task<IReadOnlyList<int>> AuthorsAsync(JsonElement list, CancellationToken cancellationToken)
    {
        var people = await staff.ListActiveAsync(cancellationToken);
        var ids = new List<int>();
        foreach (var entry in list.EnumerateArray())
        {
            var id = Text(entry, "id");
            var slug = Text(entry, "slug");
            var email = Text(entry, "email");
            var person = people.Find(p => (id is not null && ContentJsonId(p.Id) == id) || (slug is not null && p.Slug == slug)
                || (email is not null && string.Equals(p.PublicEmail, email, StringComparison.OrdinalIgnoreCase)))
                ?? throw ValidationException.For("authors", $"There is no staff member {id ?? slug ?? email}.");
            ids.Add(person.Id);
        }

        return ids;
    }

    private static string ContentJsonId(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
