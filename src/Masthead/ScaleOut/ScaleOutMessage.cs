using System.Text.Json;
using System.Text.Json.Serialization;
using Masthead.Core.Live;

namespace Masthead.ScaleOut;

/// <summary>
/// What one node tells the others, as one small JSON object per Redis pub/sub message; <see cref="Node"/> names the
/// sender, so a node can tell its own messages from the others'.
/// </summary>
internal sealed record ScaleOutMessage(string Node, string Kind)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    public int ArticleId { get; init; }
    public int EventId { get; init; }
    public string? Type { get; init; }
    public string? Data { get; init; }
    public string? Tag { get; init; }
    public string? Nonce { get; init; }

    /// <summary>On a sync: the sender failed to publish something while Redis was away, so the others must catch up too.</summary>
    public bool Missed { get; init; }

    public LiveEventRecord LiveEvent => new(ArticleId, EventId, Type ?? "", Data ?? "");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ScaleOutMessage? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ScaleOutMessage>(json, Json);
        }
        catch (JsonException)
        {
            return null; // not ours: someone else publishing on the channel
        }
    }
}

internal static class ScaleOutKinds
{
    /// <summary>A live event to deliver to the story's readers.</summary>
    public const string LiveEvent = "live";

    /// <summary>End every stream of the story.</summary>
    public const string CloseStory = "close";

    /// <summary>An article changed; a node with readers of it checks whether it is still published.</summary>
    public const string ArticleChanged = "article";

    /// <summary>Settings, sections, staff, tags or static pages changed: forget what is held of them.</summary>
    public const string SiteChanged = "site";

    /// <summary>Evict a cache tag.</summary>
    public const string Evict = "evict";

    /// <summary>A node (re)connected; its own sync coming back proves its subscription works again.</summary>
    public const string Sync = "sync";
}
