using System.Text.Json;

namespace Masthead.ContentApi;

/// <summary>
/// The fields of one Ghost resource in Ghost's order, each with how it is written: the one place a field is declared.
/// Its names are what <c>fields=</c> may ask for; the Content and Admin APIs, and anything else that writes Ghost's
/// JSON, write items through it.
/// </summary>
internal sealed class GhostFields<T>
{
    private readonly List<Entry> _entries;

    public GhostFields() => _entries = [];

    private GhostFields(IEnumerable<Entry> entries) => _entries = [.. entries];

    /// <summary>The names fields= may use.</summary>
    public IReadOnlyCollection<string> Names => [.. _entries.Where(e => e.Name is not null).Select(e => e.Name!)];

    /// <summary>A copy to add more fields to, as posts add theirs to what posts and pages share.</summary>
    public GhostFields<T> Extend() => new(_entries);

    public GhostFields<T> Add(string name, Action<Utf8JsonWriter, T, ContentOutput> write) => Add(new Entry(name, false, false, write));

    public GhostFields<T> Id(string name, Func<T, string> id) => Add(name, (json, item, _) => json.WriteString(name, id(item)));

    public GhostFields<T> String(string name, Func<T, string> value) => Add(name, (json, item, _) => json.WriteString(name, value(item)));

    /// <summary>Null, never "", when empty, as Ghost answers.</summary>
    public GhostFields<T> Text(string name, Func<T, string?> value) => Add(name, (json, item, _) => json.WriteText(name, value(item)));

    public GhostFields<T> Url(string name, Func<T, string?> pathOrUrl) => Add(name, (json, item, output) => json.WriteUrl(name, pathOrUrl(item), output));

    /// <summary>A page of the site as an absolute address ending in a slash, as Ghost writes them.</summary>
    public GhostFields<T> Address(string name, Func<T, string> path) =>
        Add(name, (json, item, output) => json.WriteString(name, string.Concat(output.BaseUrl, path(item), "/")));

    public GhostFields<T> Date(string name, Func<T, DateTime?> utc) => Add(name, (json, item, output) => json.WriteDate(name, utc(item), output));

    public GhostFields<T> Boolean(string name, Func<T, bool> value) => Add(name, (json, item, _) => json.WriteBoolean(name, value(item)));

    public GhostFields<T> Number(string name, Func<T, int> value) => Add(name, (json, item, _) => json.WriteNumber(name, value(item)));

    public GhostFields<T> Constant(string name, string value) => Add(name, (json, _, _) => json.WriteString(name, value));

    /// <summary>Ghost's fields Masthead has no value for: always null.</summary>
    public GhostFields<T> Nulls(params string[] names)
    {
        foreach (var name in names)
        {
            Add(name, (json, _, _) => json.WriteNull(name));
        }

        return this;
    }

    /// <summary>A field written by its own rule whatever fields= says, such as html, which formats= governs.</summary>
    public GhostFields<T> Format(string name, Action<Utf8JsonWriter, T, ContentOutput> write) => Add(new Entry(name, true, false, write));

    /// <summary>What is not a field: included relations and counts, written when they were loaded.</summary>
    public GhostFields<T> Included(Action<Utf8JsonWriter, T, ContentOutput> write, bool topLevelOnly = false) => Add(new Entry(null, true, topLevelOnly, write));

    /// <param name="nested">Inside another item (a post's authors and tags): every field, whatever fields= asked of the outer item.</param>
    public void Write(Utf8JsonWriter json, T item, ContentOutput output, bool nested = false)
    {
        json.WriteStartObject();
        foreach (var entry in _entries)
        {
            if (nested ? !entry.TopLevelOnly : entry.Always || output.Wants(entry.Name!))
            {
                entry.Write(json, item, output);
            }
        }

        json.WriteEndObject();
    }

    private GhostFields<T> Add(Entry entry)
    {
        _entries.Add(entry);
        return this;
    }

    private sealed record Entry(string? Name, bool Always, bool TopLevelOnly, Action<Utf8JsonWriter, T, ContentOutput> Write);
}
