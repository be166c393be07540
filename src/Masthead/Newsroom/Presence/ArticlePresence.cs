using Masthead.Core.Publishing;

namespace Masthead.Newsroom.Presence;

/// <summary>Someone with an article open in the editor, since when. Travels between nodes as JSON.</summary>
public sealed record PresentEditor(int StaffId, string Name, DateTime Since);

/// <summary>One node's editors of one article, as that node announces them to the others.</summary>
public sealed record PresenceAnnouncement(int ArticleId, IReadOnlyList<PresentEditor> Editors);

/// <summary>
/// Who has which article open in the editor right now, in memory only: each open editor page holds a visit for as
/// long as its stream (<see cref="PresenceStream"/>) is connected, so nothing is written to the database, and a
/// closed tab leaves at once. Other nodes' editors arrive through <see cref="PresenceAcrossNodes"/> and count until
/// <see cref="RemoteExpiry"/> passes without their node announcing them again. Each article's open streams wait on one
/// signal, which any change to it completes: someone arriving or leaving, a save, a note.
/// </summary>
public sealed class ArticlePresence(TimeProvider time)
{
    /// <summary>How often a node announces its editors to the others, and its streams send a heartbeat.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>Another node's editors are forgotten once it has missed this many heartbeats: it stopped, or lost Redis.</summary>
    public static readonly TimeSpan RemoteExpiry = 3 * Heartbeat;

    private readonly Lock _gate = new();
    private readonly Dictionary<int, Room> _rooms = [];

    /// <summary>The editors of an article on this node changed; the relay tells the other nodes.</summary>
    public event Action<int>? LocalChanged;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Counts <paramref name="editor"/> in the article's room until the returned visit is disposed.</summary>
    public IDisposable Enter(int articleId, Actor editor)
    {
        var visit = new Visit(new PresentEditor(editor.StaffId ?? 0, editor.Name, Now));
        lock (_gate)
        {
            RoomOf(articleId).Visits.Add(visit);
            Pulse(articleId);
        }

        LocalChanged?.Invoke(articleId);
        return new Leaving(() =>
        {
            lock (_gate)
            {
                if (_rooms.TryGetValue(articleId, out var room) && room.Visits.Remove(visit))
                {
                    Pulse(articleId);
                    Forget(articleId, room);
                }
            }

            LocalChanged?.Invoke(articleId);
        });
    }

    /// <summary>Everyone with the article open, on any node, but <paramref name="exceptStaffId"/>; each person once, since they first opened it.</summary>
    public IReadOnlyList<PresentEditor> Present(int articleId, int? exceptStaffId)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(articleId, out var room))
            {
                return [];
            }

            var now = Now;
            return room.Visits.Select(v => v.Editor)
                .Concat(room.Remote.Values.Where(r => r.Expires > now).SelectMany(r => r.Editors))
                .Where(e => e.StaffId != exceptStaffId)
                .GroupBy(e => e.StaffId)
                .Select(g => g.MinBy(e => e.Since)!)
                .OrderBy(e => e.Since).ThenBy(e => e.Name, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>This node's own editors of the article, as it announces them.</summary>
    public PresenceAnnouncement Local(int articleId)
    {
        lock (_gate)
        {
            var editors = _rooms.TryGetValue(articleId, out var room)
                ? room.Visits.Select(v => v.Editor).GroupBy(e => e.StaffId).Select(g => g.MinBy(e => e.Since)!).ToList()
                : [];
            return new PresenceAnnouncement(articleId, editors);
        }
    }

    /// <summary>Every article with editors on this node, for the periodic announcement.</summary>
    public IReadOnlyList<PresenceAnnouncement> AllLocal()
    {
        List<int> articles;
        lock (_gate)
        {
            articles = _rooms.Where(r => r.Value.Visits.Count > 0).Select(r => r.Key).ToList();
        }

        return articles.ConvertAll(Local);
    }

    /// <summary>Another node's editors of an article, as it announced them just now.</summary>
    public void Receive(string node, PresenceAnnouncement announcement)
    {
        lock (_gate)
        {
            var room = RoomOf(announcement.ArticleId);
            var had = room.Remote.TryGetValue(node, out var before) && before.Expires > Now ? before.Editors : [];
            if (announcement.Editors.Count == 0)
            {
                room.Remote.Remove(node);
            }
            else
            {
                room.Remote[node] = new RemoteEditors(announcement.Editors, Now + RemoteExpiry);
            }

            if (!had.SequenceEqual(announcement.Editors))
            {
                Pulse(announcement.ArticleId);
            }

            Forget(announcement.ArticleId, room);
        }
    }

    /// <summary>What has happened to the article since this node started watching it: saves and steps, note changes.</summary>
    public ArticleActivity Activity(int articleId)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(articleId, out var room) ? room.Activity : new ArticleActivity(0, 0);
        }
    }

    /// <summary>The article was saved or changed state, here or on another node: its open editors are told.</summary>
    public void Changed(int articleId) => Touch(articleId, activity => activity with { Changes = activity.Changes + 1 });

    /// <summary>The article's editorial notes changed: its open editors are told.</summary>
    public void NotesChanged(int articleId) => Touch(articleId, activity => activity with { Notes = activity.Notes + 1 });

    /// <summary>Completes at the article's next change of any kind. Take it before reading, so no change is missed.</summary>
    public Task NextChange(int articleId)
    {
        lock (_gate)
        {
            return RoomOf(articleId).Pulse.Task;
        }
    }

    private void Touch(int articleId, Func<ArticleActivity, ArticleActivity> change)
    {
        lock (_gate)
        {
            if (_rooms.TryGetValue(articleId, out var room) && room.Visits.Count > 0)
            {
                room.Activity = change(room.Activity);
                Pulse(articleId);
            }
        }
    }

    private Room RoomOf(int articleId)
    {
        if (!_rooms.TryGetValue(articleId, out var room))
        {
            _rooms[articleId] = room = new Room();
        }

        return room;
    }

    private void Pulse(int articleId)
    {
        var room = _rooms[articleId];
        var done = room.Pulse;
        room.Pulse = NewPulse();
        done.TrySetResult();
    }

    /// <summary>A room nobody is in, here or elsewhere, and that no stream waits on, is dropped.</summary>
    private void Forget(int articleId, Room room)
    {
        if (room.Visits.Count == 0 && room.Remote.Count == 0)
        {
            _rooms.Remove(articleId);
            room.Pulse.TrySetResult();
        }
    }

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Room
    {
        public List<Visit> Visits { get; } = [];
        public Dictionary<string, RemoteEditors> Remote { get; } = new(StringComparer.Ordinal);
        public ArticleActivity Activity { get; set; } = new(0, 0);
        public TaskCompletionSource Pulse { get; set; } = NewPulse();
    }

    /// <summary>One open editor page; a class, so two pages of the same person are two visits.</summary>
    private sealed class Visit(PresentEditor editor)
    {
        public PresentEditor Editor { get; } = editor;
    }

    private sealed record RemoteEditors(IReadOnlyList<PresentEditor> Editors, DateTime Expires);

    private sealed class Leaving(Action leave) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                leave();
            }
        }
    }
}

/// <summary>Counts of what happened to an article while it had open editors on this node.</summary>
public sealed record ArticleActivity(long Changes, long Notes);
