using System.Globalization;
using System.Text.Json;

namespace Masthead.Core.Import.Ghost;

/// <summary>A post's row; its content (<see cref="Html"/>, <see cref="Lexical"/>, <see cref="Mobiledoc"/>) is read from the
/// document when the post is imported, so that an export's posts are not all held twice, as JSON and as text.</summary>
internal sealed record GhostPost(
    string Id, string Uuid, string Type, string Status, string Title, string Slug, JsonElement Row,
    string? FeatureImage, string? CustomExcerpt, DateTime? PublishedAt, DateTime? CreatedAt, DateTime? UpdatedAt)
{
    public static readonly string[] ContentFields = ["html", "lexical", "mobiledoc"];

    public string? Html => Content("html");

    public string? Lexical => Content("lexical");

    public string? Mobiledoc => Content("mobiledoc");

    private string? Content(string name) => Row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

internal sealed record GhostUser(string Id, string Name, string Slug, string Bio);

internal sealed record GhostTag(string Id, string Name, string Slug, string Description, string Visibility);

internal sealed record GhostMeta(string? Alt, string? Caption);

/// <summary>
/// The parts of a Ghost export an import uses, read from <c>{"db":[{"meta":..,"data":..}]}</c> (or the bare
/// <c>{"meta":..,"data":..}</c>). A field of the wrong type is refused with its JSON path, before anything is written.
/// </summary>
internal sealed class GhostExport
{
    private readonly Dictionary<string, GhostUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GhostTag> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Order, string Id)>> _postTags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Order, string Id)>> _postAuthors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GhostMeta> _meta = new(StringComparer.Ordinal);

    public List<GhostPost> Posts { get; } = [];

    /// <summary>The tags that were sections, in an export Masthead wrote (<c>meta.masthead.sections</c>).</summary>
    public HashSet<string> Sections { get; } = new(StringComparer.Ordinal);

    public static GhostExport Read(JsonElement root)
    {
        var export = new GhostExport();
        JsonElement db = default;
        var wrapped = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("db", out db);
        var inner = wrapped ? Index(db, 0, "$.db") : root;
        var (data, path) = wrapped ? (Property(inner, "data", "$.db[0]"), "$.db[0].data") : (Property(root, "data", "$"), "$.data");
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw Refused(path, "an object");
        }

        if (inner.TryGetProperty("meta", out var about) && about.ValueKind == JsonValueKind.Object && about.TryGetProperty("masthead", out var masthead)
            && masthead.ValueKind == JsonValueKind.Object && masthead.TryGetProperty("sections", out var sections) && sections.ValueKind == JsonValueKind.Array)
        {
            export.Sections.UnionWith(sections.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!));
        }

        foreach (var (user, at) in Rows(data, "users", path))
        {
            var id = String(user, "id", at)!;
            export._users[id] = new GhostUser(id, String(user, "name", at) ?? id, String(user, "slug", at) ?? id, String(user, "bio", at) ?? "");
        }

        foreach (var (tag, at) in Rows(data, "tags", path))
        {
            var id = String(tag, "id", at)!;
            var name = String(tag, "name", at) ?? id;
            export._tags[id] = new GhostTag(id, name, String(tag, "slug", at) ?? name, String(tag, "description", at) ?? "", String(tag, "visibility", at) ?? "public");
        }

        foreach (var (link, at) in Rows(data, "posts_tags", path))
        {
            Add(export._postTags, String(link, "post_id", at)!, String(link, "tag_id", at)!, Number(link, "sort_order", at));
        }

        foreach (var (link, at) in Rows(data, "posts_authors", path))
        {
            Add(export._postAuthors, String(link, "post_id", at)!, String(link, "author_id", at)!, Number(link, "sort_order", at));
        }

        foreach (var (meta, at) in Rows(data, "posts_meta", path))
        {
            export._meta[String(meta, "post_id", at)!] = new GhostMeta(String(meta, "feature_image_alt", at), String(meta, "feature_image_caption", at));
        }

        foreach (var (post, at) in Rows(data, "posts", path))
        {
            var id = String(post, "id", at) ?? throw Refused($"{at}.id", "a string");
            var page = post.TryGetProperty("page", out var old) && old.ValueKind is JsonValueKind.True or JsonValueKind.Number && old.ToString() is "true" or "1";
            foreach (var field in GhostPost.ContentFields)
            {
                if (post.TryGetProperty(field, out var content) && content.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    throw Refused($"{at}.{field}", "a string");
                }
            }

            export.Posts.Add(new GhostPost(
                id, String(post, "uuid", at) ?? id, String(post, "type", at) ?? (page ? "page" : "post"), String(post, "status", at) ?? "draft",
                String(post, "title", at) ?? "", String(post, "slug", at) ?? "", post,
                String(post, "feature_image", at), String(post, "custom_excerpt", at),
                Date(post, "published_at", at), Date(post, "created_at", at), Date(post, "updated_at", at)));
        }

        return export;
    }

    public IEnumerable<GhostUser> AuthorsOf(string postId) =>
        _postAuthors.TryGetValue(postId, out var links) ? links.OrderBy(l => l.Order).Select(l => _users.GetValueOrDefault(l.Id)).OfType<GhostUser>() : [];

    public IEnumerable<GhostTag> TagsOf(string postId) =>
        _postTags.TryGetValue(postId, out var links) ? links.OrderBy(l => l.Order).Select(l => _tags.GetValueOrDefault(l.Id)).OfType<GhostTag>() : [];

    public GhostMeta? MetaOf(string postId) => _meta.GetValueOrDefault(postId);

    private static void Add(Dictionary<string, List<(int, string)>> links, string postId, string id, int order)
    {
        if (!links.TryGetValue(postId, out var list))
        {
            links[postId] = list = [];
        }

        list.Add((order, id));
    }

    private static IEnumerable<(JsonElement Row, string Path)> Rows(JsonElement data, string table, string path)
    {
        if (!data.TryGetProperty(table, out var rows) || rows.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        if (rows.ValueKind != JsonValueKind.Array)
        {
            throw Refused($"{path}.{table}", "an array");
        }

        var i = 0;
        foreach (var row in rows.EnumerateArray())
        {
            var at = $"{path}.{table}[{i++}]";
            yield return row.ValueKind == JsonValueKind.Object ? (row, at) : throw Refused(at, "an object");
        }
    }

    private static JsonElement Property(JsonElement element, string name, string path) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new ImportFileException($"This is not a Ghost export: {path}.{name} is missing. Nothing was imported.");

    private static JsonElement Index(JsonElement array, int index, string path) =>
        array.ValueKind == JsonValueKind.Array && array.GetArrayLength() > index
            ? array[index]
            : throw new ImportFileException($"This is not a Ghost export: {path}[{index}] is missing. Nothing was imported.");

    private static string? String(JsonElement row, string name, string path) =>
        !row.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind is JsonValueKind.Number ? value.GetRawText()
        : throw Refused($"{path}.{name}", "a string");

    private static int Number(JsonElement row, string name, string path) =>
        !row.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? 0
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number
        : throw Refused($"{path}.{name}", "a whole number");

    private static DateTime? Date(JsonElement row, string name, string path)
    {
        var text = String(row, name, path);
        if (text is null)
        {
            return null;
        }

        if (row.GetProperty(name).ValueKind == JsonValueKind.Number && long.TryParse(text, out var milliseconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? DateTime.SpecifyKind(date, DateTimeKind.Utc)
            : throw Refused($"{path}.{name}", "a date");
    }

    private static ImportFileException Refused(string path, string what) =>
        new($"The export's {path} should be {what}. Nothing was imported.");
}
