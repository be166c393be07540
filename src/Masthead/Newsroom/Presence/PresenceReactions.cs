using Masthead.Core.Events;

namespace Masthead.Newsroom.Presence;

/// <summary>Tells the open editors of an article on this node that someone changed it, or its editorial notes.</summary>
internal sealed class PresenceReactions(ArticlePresence presence) : IEventHandler<ArticleChanged>, IEventHandler<EditorialNotesChanged>
{
    public Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken)
    {
        presence.Changed(change.ArticleId);
        return Task.CompletedTask;
    }

    public Task HandleAsync(EditorialNotesChanged change, CancellationToken cancellationToken)
    {
        presence.NotesChanged(change.ArticleId);
        return Task.CompletedTask;
    }
}
