using System.Text.Json;
using System.Text.Json.Serialization;

namespace Masthead.ScaleOut;

/// <summary>
/// What one node tells the others, as one small JSON object per Redis pub/sub message; <see cref="Node"/> names the
/// sender, so a node can tell its own messages from the others'.
/// </summary>
internal sealed record ScaleOutMessage(string Node, string Kind)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    /// <summary>With <see cref="ScaleOutKinds.Events"/>: the events of one committed change, in the order they were raised.</summary>
    public IReadOnlyList<RelayedEvent>? Events { get; init; }

    /// <summary>With <see cref="ScaleOutKinds.Presence"/>: the sender's editors of some articles, as they are now.</summary>
    public IReadOnlyList<Newsroom.Presence.PresenceAnnouncement>? Presence { get; init; }

    public string? Nonce { get; init; }

    /// <summary>On a sync: the sender failed to publish something while Redis was away, so the others must catch up too.</summary>
    public bool Missed { get; init; }

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

/// <summary>An event by its name (<see cref="Core.Events.ChangeEventRegistry.NameOf"/>) and its fields.</summary>
internal sealed record RelayedEvent(string Type, JsonElement Data);

internal static class ScaleOutKinds
{
    /// <summary>Committed events for the other nodes to replay through the same handlers.</summary>
    public const string Events = "events";

    /// <summary>A node (re)connected; its own sync coming back proves its subscription works again.</summary>
    public const string Sync = "sync";

    /// <summary>Who has which article open in the sender's editors: announced, never stored, so never caught up.</summary>
    public const string Presence = "presence";
}
