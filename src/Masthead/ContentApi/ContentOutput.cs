using System.Globalization;
using Masthead.Core.ContentApi;
using Masthead.Core.ContentApi.Nql;
using Masthead.Core.Publication;

namespace Masthead.ContentApi;

/// <summary>
/// A request's query string read as Ghost reads it (include, fields, formats, limit, page, order, filter), with what
/// the JSON writers need: which fields to write, the site's address and its clock. Parameters it does not know are
/// ignored, as Ghost ignores them (the official client sends slug= on slug reads), and so are includes, fields and
/// formats a resource does not have (mobiledoc, lexical, tiers): Ghost answers with what it has. A malformed value is refused.
/// </summary>
internal sealed class ContentOutput
{
    private readonly HashSet<string>? _fields;

    private ContentOutput(ContentRequest request, HashSet<string>? fields, string baseUrl, PublicationClock clock)
    {
        Request = request;
        _fields = fields;
        BaseUrl = baseUrl;
        Clock = clock;
    }

    public ContentRequest Request { get; }
    public string BaseUrl { get; }
    public PublicationClock Clock { get; }

    public bool Html => Request.Html;
    public bool Plaintext => Request.Plaintext;

    /// <summary>The same output for another request, such as the Admin API's, which lists every status.</summary>
    public ContentOutput WithRequest(ContentRequest request) => new(request, _fields, BaseUrl, Clock);

    public bool Wants(string field) => _fields is null || _fields.Contains(field);

    public bool Includes(ContentIncludes what) => Request.Includes(what);

    /// <summary>A request made by Masthead itself, such as a search index's: these fields of every item, no formats.</summary>
    public static ContentOutput For(ContentRequest request, IReadOnlyCollection<string> fields, string baseUrl, PublicationClock clock) =>
        new(request with { Html = false, Plaintext = false }, [.. fields], baseUrl, clock);

    /// <exception cref="ContentApiException">A parameter is malformed or asks for something this resource does not have.</exception>
    public static ContentOutput Read(IQueryCollection query, GhostResource resource, bool browse, string baseUrl, PublicationClock clock)
    {
        var include = List(query, "include");
        var includes = ContentIncludes.None;
        foreach (var name in include.Where(resource.Includes.Contains))
        {
            includes |= name switch { "authors" => ContentIncludes.Authors, "tags" => ContentIncludes.Tags, _ => ContentIncludes.PostCounts };
        }

        // Ghost answers with the fields it has and always with the id, which front ends key their items by.
        var fieldList = List(query, "fields").Where(resource.Fields.Contains).ToList();
        HashSet<string>? fields = fieldList.Count == 0 ? null : [.. fieldList, "id"];

        var (html, plaintext) = Formats(query, resource, fields);
        var request = new ContentRequest(Include: includes, Html: html, Plaintext: plaintext);
        if (browse)
        {
            request = request with
            {
                Limit = Limit(query),
                Page = Number(query, "page", 1),
                Order = Order(query),
                Filter = Filter(query),
            };
        }

        return new ContentOutput(request, fields, baseUrl, clock);
    }

    /// <summary>Ghost keeps the formats asked for, else the ones named in fields, else html alone.</summary>
    private static (bool Html, bool Plaintext) Formats(IQueryCollection query, GhostResource resource, HashSet<string>? fields)
    {
        var formats = List(query, "formats");
        if (!resource.HasFormats || (formats.Count == 0 && fields is null))
        {
            return (resource.HasFormats, false);
        }

        if (formats.Count == 0)
        {
            return (fields!.Contains("html"), fields.Contains("plaintext"));
        }

        return (formats.Contains("html"), formats.Contains("plaintext"));
    }

    /// <summary>Default 15; at most 100, and limit=all means 100, as Ghost 6 caps it.</summary>
    private static int Limit(IQueryCollection query)
    {
        var raw = query["limit"].ToString();
        return raw == "all" ? ContentRequest.MaxLimit : Math.Min(Number(query, "limit", ContentRequest.DefaultLimit), ContentRequest.MaxLimit);
    }

    private static int Number(IQueryCollection query, string name, int absent)
    {
        var raw = query[name].ToString();
        if (raw.Length == 0)
        {
            return absent;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1
            ? number
            : throw ContentApiException.Validation($"Validation (matches) failed for {name}: '{raw}' is not a whole number of at least 1.");
    }

    /// <summary>order=published_at desc,title asc: fields with an optional direction, ascending when left out.</summary>
    private static List<ContentOrder> Order(IQueryCollection query)
    {
        var order = new List<ContentOrder>();
        foreach (var clause in List(query, "order", lower: false))
        {
            var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var descending = words.Length == 2 && words[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            if (words.Length > 2 || (words.Length == 2 && !descending && !words[1].Equals("asc", StringComparison.OrdinalIgnoreCase)))
            {
                throw ContentApiException.BadRequest($"The order '{clause}' is not understood; write a field followed by asc or desc, such as 'published_at desc'.");
            }

            order.Add(new ContentOrder(words[0].ToLowerInvariant(), descending));
        }

        return order;
    }

    private static NqlNode? Filter(IQueryCollection query)
    {
        var filter = query["filter"].ToString();
        if (string.IsNullOrWhiteSpace(filter))
        {
            return null;
        }

        try
        {
            return NqlParser.Parse(filter);
        }
        catch (NqlSyntaxException error)
        {
            throw ContentApiException.BadRequest($"Error parsing filter: {error.Message}");
        }
    }

    /// <summary>A comma-separated parameter (or the parameter given several times), trimmed, without empty entries.</summary>
    private static List<string> List(IQueryCollection query, string name, bool lower = true) =>
        query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => lower ? v.ToLowerInvariant() : v)
            .ToList();
}
