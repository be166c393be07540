using System.Text.Json;

namespace Masthead.ContentApi;

/// <summary>One resource of Ghost's APIs: its names (for URLs and error messages), its fields, what it may include.</summary>
internal class GhostResource(string name, string singular, IReadOnlyCollection<string> fields, IReadOnlyList<string> includes, bool hasFormats)
{
    public string Name => name;
    public string Singular => singular;
    public IReadOnlyCollection<string> Fields => fields;
    public IReadOnlyList<string> Includes => includes;
    public bool HasFormats => hasFormats;

    /// <summary>"list posts" or "read post", as Ghost's error messages say.</summary>
    public string Action(bool browse) => browse ? $"list {Name}" : $"read {Singular}";

    /// <summary>"Post not found.", as Ghost says it.</summary>
    public string NotFound => $"{char.ToUpperInvariant(Singular[0])}{Singular[1..]} not found.";
}

/// <summary>A resource with the Ghost fields of its items, and so the one way its items are written.</summary>
internal sealed class GhostResource<T>(string name, string singular, GhostFields<T> fields, IReadOnlyList<string> includes, bool hasFormats)
    : GhostResource(name, singular, fields.Names, includes, hasFormats)
{
    public void Write(Utf8JsonWriter json, T item, ContentOutput output) => fields.Write(json, item, output);

    /// <summary>A list in Ghost's shape: the items under the resource's name, then meta.pagination.</summary>
    public void WriteList(Utf8JsonWriter json, Core.ContentApi.ContentList<T> list, ContentOutput output)
    {
        json.WriteStartObject();
        json.WriteStartArray(Name);
        foreach (var item in list.Items)
        {
            fields.Write(json, item, output);
        }

        json.WriteEndArray();
        json.WritePagination(list);
        json.WriteEndObject();
    }

    /// <summary>A read answers a list of one, without meta, as Ghost does.</summary>
    public void WriteOne(Utf8JsonWriter json, T item, ContentOutput output)
    {
        json.WriteStartObject();
        json.WriteStartArray(Name);
        fields.Write(json, item, output);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}

/// <summary>How one resource is read, from the query service minimal APIs bind as a parameter.</summary>
internal sealed record GhostReads<T, TQueries>(
    Func<TQueries, Core.ContentApi.ContentRequest, CancellationToken, Task<Core.ContentApi.ContentList<T>>> Browse,
    Func<TQueries, string, Core.ContentApi.ContentRequest, CancellationToken, Task<T?>> ById,
    Func<TQueries, string, Core.ContentApi.ContentRequest, CancellationToken, Task<T?>> BySlug)
    where T : class;
