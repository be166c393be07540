using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Export;

/// <param name="Posts">Articles, whatever their state.</param>
public sealed record ExportSummary(int Posts, int Pages, int Tags, int Users, long MediaFiles = 0, long MediaBytes = 0);

/// <summary>
/// Writes the publication as a Ghost export (<c>{"db":[{"meta":..,"data":..}]}</c>, the tables Ghost's importer reads):
/// every article as a post (published, scheduled, or draft for the states Ghost lacks), static pages as pages,
/// sections and tags as tags (a post's section first), staff as users with their roles, and the relations between
/// them. Content is the HTML the site renders from the Markdown, with no <c>lexical</c> or <c>mobiledoc</c>: Ghost's
/// importer converts an HTML-only post into its editor's format, and Masthead's reads the HTML. Nothing private is
/// written: no password hash, second factor, session, key, subscriber, note or autosave.
/// Articles are read <see cref="PageSize"/> at a time and written straight to the stream, so an archive of any
/// size takes the memory of one page; every pass stops at the newest article there was when the export began.
/// </summary>
public sealed class GhostExportWriter(MastheadDb db, TimeProvider time)
{
    public const int PageSize = 250;

    /// <summary>The Ghost version whose export format this is; Ghost's importer picks how to read a file by it.</summary>
    public const string GhostVersion = "5.0.0";

    private int _relations;

    public async Task<ExportSummary> WriteAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var lastArticle = await db.Articles.MaxAsync(a => (int?)a.Id, cancellationToken) ?? 0;
        var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        await using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteStartArray("db");
        json.WriteStartObject();
        WriteMeta(json, now, sections.Select(s => s.Slug));
        json.WriteStartObject("data");

        json.WriteStartArray("posts");
        var posts = await PagedAsync(json, after => db.Articles.AsNoTracking().Where(a => a.Id > after && a.Id <= lastArticle).OrderBy(a => a.Id)
            .Select(a => new PostRow(a.Id, a.Uuid, a.Headline, a.Slug, a.BodyHtml, a.BodyText, a.Featured, a.Status, a.Standfirst,
                a.LeadImage != null ? a.LeadImage.Url : null, a.CreatedAt, a.LastModifiedAt, a.PublishedAt, a.ScheduledFor, a.SearchAndSocial.CanonicalUrl)),
            row => row.Id, row => WritePost(json, row), cancellationToken);
        var pages = 0;
        await foreach (var page in db.StaticPages.AsNoTracking().OrderBy(p => p.Position).ThenBy(p => p.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            WritePage(json, page);
            pages++;
        }

        json.WriteEndArray();
        await WriteRelationsAsync(json, lastArticle, cancellationToken);

        json.WriteStartArray("tags");
        foreach (var section in sections)
        {
            WriteTag(json, GhostAddresses.Id(GhostKind.Section, section.Id), section.Name, section.Slug, section.Description, now);
        }

        var tags = sections.Count;
        await foreach (var tag in db.Tags.AsNoTracking().OrderBy(t => t.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            WriteTag(json, GhostAddresses.Id(GhostKind.Tag, tag.Id), tag.Name, tag.Slug, tag.Description, now);
            tags++;
        }

        json.WriteEndArray();
        var users = await WriteUsersAsync(json, now, cancellationToken);
        foreach (var empty in new[] { "products", "posts_products", "newsletters" })
        {
            json.WriteStartArray(empty);
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        return new ExportSummary(posts, pages, tags, users);
    }

    private static void WriteMeta(Utf8JsonWriter json, DateTime now, IEnumerable<string> sections)
    {
        json.WriteStartObject("meta");
        json.WriteNumber("exported_on", new DateTimeOffset(now).ToUnixTimeMilliseconds());
        json.WriteString("version", GhostVersion);
        json.WriteStartObject("masthead");
        json.WriteString("version", typeof(GhostExportWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "");

        // Ghost has no sections: they are tags there, and these are the tags Masthead's own import makes sections again.
        json.WriteStartArray("sections");
        foreach (var slug in sections)
        {
            json.WriteStringValue(slug);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WritePost(Utf8JsonWriter json, PostRow post)
    {
        var (status, publishedAt) = post.Status switch
        {
            ArticleStatus.Published => ("published", post.PublishedAt),
            ArticleStatus.Scheduled => ("scheduled", post.ScheduledFor),
            _ => ("draft", (DateTime?)null), // in review and unpublished too: Ghost has only drafts besides
        };
        var id = GhostAddresses.Id(GhostKind.Post, post.Id);
        WriteDocument(json, id, post.Uuid, post.Title, post.Slug, post.Html, post.Text, "post", status);
        WriteText(json, "feature_image", GhostAddresses.Url(post.LeadUrl));
        json.WriteBoolean("featured", post.Featured);
        WriteDate(json, "created_at", post.CreatedAt);
        WriteDate(json, "updated_at", post.ModifiedAt);
        WriteDate(json, "published_at", publishedAt);
        WriteText(json, "custom_excerpt", post.Standfirst);
        WriteText(json, "canonical_url", post.CanonicalUrl);
        json.WriteEndObject();
    }

    private static void WritePage(Utf8JsonWriter json, Pages.StaticPage page)
    {
        WriteDocument(json, GhostAddresses.Id(GhostKind.Page, page.Id), page.Uuid, page.Title, page.Slug, page.BodyHtml, page.BodyText, "page", "published");
        json.WriteNull("feature_image");
        json.WriteBoolean("featured", false);
        WriteDate(json, "created_at", page.UpdatedAt);
        WriteDate(json, "updated_at", page.UpdatedAt);
        WriteDate(json, "published_at", page.UpdatedAt);
        json.WriteNull("custom_excerpt");
        json.WriteNull("canonical_url");
        json.WriteEndObject();
    }

    /// <summary>Opens a post or page row and writes what both have, in the order Ghost writes its columns.</summary>
    private static void WriteDocument(Utf8JsonWriter json, string id, Guid uuid, string title, string slug, string html, string text, string type, string status)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("uuid", uuid);
        json.WriteString("title", title);
        json.WriteString("slug", slug);
        json.WriteNull("mobiledoc");
        json.WriteNull("lexical");
        json.WriteString("html", GhostAddresses.Html(html));
        json.WriteString("comment_id", id);
        json.WriteString("plaintext", text);
        json.WriteString("type", type);
        json.WriteString("status", status);
        json.WriteNull("locale");
        json.WriteString("visibility", "public");
        json.WriteString("email_recipient_filter", "all");
        json.WriteNull("codeinjection_head");
        json.WriteNull("codeinjection_foot");
        json.WriteNull("custom_template");
        json.WriteNull("newsletter_id");
        json.WriteBoolean("show_title_and_feature_image", true);
    }

    /// <summary>posts_meta (lead image text, search and social titles), posts_authors and posts_tags, one pass over the articles each.</summary>
    private async Task WriteRelationsAsync(Utf8JsonWriter json, int lastArticle, CancellationToken cancellationToken)
    {
        IQueryable<Article> Articles(int after) => db.Articles.AsNoTracking().Where(a => a.Id > after && a.Id <= lastArticle).OrderBy(a => a.Id);

        json.WriteStartArray("posts_meta");
        await PagedAsync(json, after => Articles(after).Where(a => a.LeadImage != null || a.SearchAndSocial.SearchTitle != null
                || a.SearchAndSocial.SearchDescription != null || a.SearchAndSocial.SocialTitle != null || a.SearchAndSocial.SocialDescription != null
                || a.SearchAndSocial.SocialImageUrl != null)
            .Select(a => new MetaRow(a.Id, a.LeadImage, a.SearchAndSocial)), row => row.Id, row => WriteMeta(json, row), cancellationToken);
        json.WriteEndArray();

        json.WriteStartArray("posts_authors");
        await PagedAsync(json, after => Articles(after).Select(a => new LinkRow(a.Id, a.Authors.OrderBy(x => x.Position).Select(x => x.StaffMemberId).ToList(), null)),
            row => row.Id, row => WriteLinks(json, row.Id, "author_id", row.Ids.Select(id => GhostAddresses.Id(GhostKind.User, id))), cancellationToken);
        json.WriteEndArray();

        json.WriteStartArray("posts_tags");
        await PagedAsync(json, after => Articles(after).Select(a => new LinkRow(a.Id, a.Tags.OrderBy(t => t.TagId).Select(t => t.TagId).ToList(), a.SectionId)),
            row => row.Id, row => WriteLinks(json, row.Id, "tag_id",
                (row.SectionId is { } section ? [GhostAddresses.Id(GhostKind.Section, section)] : Array.Empty<string>())
                .Concat(row.Ids.Select(id => GhostAddresses.Id(GhostKind.Tag, id)))), cancellationToken);
        json.WriteEndArray();
    }

    private void WriteMeta(Utf8JsonWriter json, MetaRow row)
    {
        json.WriteStartObject();
        json.WriteString("id", GhostAddresses.Id(GhostKind.Relation, ++_relations));
        json.WriteString("post_id", GhostAddresses.Id(GhostKind.Post, row.Id));
        WriteText(json, "og_image", GhostAddresses.Url(row.Social.SocialImageUrl));
        WriteText(json, "og_title", row.Social.SocialTitle);
        WriteText(json, "og_description", row.Social.SocialDescription);
        WriteText(json, "meta_title", row.Social.SearchTitle);
        WriteText(json, "meta_description", row.Social.SearchDescription);
        WriteText(json, "feature_image_alt", row.Lead?.Alt);
        WriteText(json, "feature_image_caption", GhostAddresses.Caption(row.Lead?.Caption, row.Lead?.Credit));
        json.WriteEndObject();
    }

    private void WriteLinks(Utf8JsonWriter json, int postId, string column, IEnumerable<string> ids)
    {
        var order = 0;
        foreach (var id in ids)
        {
            json.WriteStartObject();
            json.WriteString("id", GhostAddresses.Id(GhostKind.Relation, ++_relations));
            json.WriteString("post_id", GhostAddresses.Id(GhostKind.Post, postId));
            json.WriteString(column, id);
            json.WriteNumber("sort_order", order++);
            json.WriteEndObject();
        }
    }

    private static void WriteTag(Utf8JsonWriter json, string id, string name, string slug, string description, DateTime now)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("name", name);
        json.WriteString("slug", slug);
        WriteText(json, "description", description);
        json.WriteNull("feature_image");
        json.WriteNull("parent_id");
        json.WriteString("visibility", "public");
        WriteDate(json, "created_at", now);
        WriteDate(json, "updated_at", now);
        json.WriteEndObject();
    }

    /// <summary>users, with the sign-in address Ghost needs to make each one (or a stand-in), the roles Ghost has, and roles_users.</summary>
    private async Task<int> WriteUsersAsync(Utf8JsonWriter json, DateTime now, CancellationToken cancellationToken)
    {
        var staff = await db.Staff.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new UserRow(s, db.Users.Where(u => u.StaffMemberId == s.Id).OrderBy(u => u.Id).Select(u => u.Email).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        json.WriteStartArray("users");
        foreach (var (member, email) in staff)
        {
            json.WriteStartObject();
            json.WriteString("id", GhostAddresses.Id(GhostKind.User, member.Id));
            json.WriteString("name", member.Name);
            json.WriteString("slug", member.Slug);
            json.WriteString("email", email ?? member.PublicEmail ?? $"{member.Slug}@staff.invalid");
            WriteText(json, "profile_image", GhostAddresses.Url(member.PhotoUrl));
            json.WriteNull("cover_image");
            WriteText(json, "bio", member.Bio);
            json.WriteNull("website");
            json.WriteNull("location");
            json.WriteString("status", member.IsActive ? "active" : "inactive");
            json.WriteString("visibility", "public");
            WriteDate(json, "created_at", now);
            WriteDate(json, "updated_at", now);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        var roles = Enum.GetValues<NewsroomRole>();
        json.WriteStartArray("roles");
        foreach (var role in roles)
        {
            json.WriteStartObject();
            json.WriteString("id", GhostAddresses.Id(GhostKind.Role, (int)role));
            json.WriteString("name", RoleName(role));
            json.WriteString("description", RoleName(role) + "s");
            WriteDate(json, "created_at", now);
            WriteDate(json, "updated_at", now);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("roles_users");
        foreach (var (member, _) in staff)
        {
            json.WriteStartObject();
            json.WriteString("id", GhostAddresses.Id(GhostKind.Relation, ++_relations));
            json.WriteString("role_id", GhostAddresses.Id(GhostKind.Role, (int)member.Role));
            json.WriteString("user_id", GhostAddresses.Id(GhostKind.User, member.Id));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        return staff.Count;
    }

    /// <summary>Ghost's name for each role: a reporter writes and publishes their own, as Ghost's Author does.</summary>
    private static string RoleName(NewsroomRole role) => role switch
    {
        NewsroomRole.Administrator => "Administrator",
        NewsroomRole.Editor => "Editor",
        NewsroomRole.Reporter => "Author",
        _ => "Contributor",
    };

    /// <summary>Null, never "", when empty, as Ghost writes it.</summary>
    private static void WriteText(Utf8JsonWriter json, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteDate(Utf8JsonWriter json, string name, DateTime? utc)
    {
        if (utc is { } date)
        {
            json.WriteString(name, DateTime.SpecifyKind(date, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Reads a query <see cref="PageSize"/> rows at a time, after the last key read, writing each row and flushing each page.</summary>
    private static async Task<int> PagedAsync<T>(
        Utf8JsonWriter json, Func<int, IQueryable<T>> rowsAfter, Func<T, int> key, Action<T> write, CancellationToken cancellationToken)
    {
        var (after, count) = (0, 0);
        while (true)
        {
            var rows = await rowsAfter(after).Page(0, PageSize).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                write(row);
            }

            count += rows.Count;
            await json.FlushAsync(cancellationToken);
            if (rows.Count < PageSize)
            {
                return count;
            }

            after = key(rows[^1]);
        }
    }

    private sealed record PostRow(
        int Id, Guid Uuid, string Title, string Slug, string Html, string Text, bool Featured, ArticleStatus Status, string Standfirst, string? LeadUrl,
        DateTime CreatedAt, DateTime ModifiedAt, DateTime? PublishedAt, DateTime? ScheduledFor, string? CanonicalUrl);

    private sealed record MetaRow(int Id, LeadImage? Lead, SearchAndSocial Social);

    private sealed record LinkRow(int Id, List<int> Ids, int? SectionId);

    private sealed record UserRow(StaffMember Member, string? Email);
}
