using Masthead.Core;
using Masthead.Core.EditorialNotes;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Articles;

/// <summary>One thread as the editor shows it.</summary>
public sealed record EditorialThreadItem(EditArticlePage Editor, EditorialThreadView Thread);

/// <summary>The editor's editorial notes: private threads between the article's writers and its editors.</summary>
public sealed partial class EditArticlePage
{
    public IReadOnlyList<EditorialThreadView> Threads { get; private set; } = [];

    /// <summary>Who sent the article back, when it is a draft that was.</summary>
    public SentBackView? SentBack { get; private set; }

    /// <summary>A note that was refused, kept to be sent again: its thread (null for a new thread) and its text.</summary>
    public (int? Thread, string Text)? NoteDraft { get; private set; }

    public bool CanWriteNotes => Permissions.CanWriteEditorialNotes(Actor, Article.Access);

    private EditorialNoteService EditorialNotes => Service<EditorialNoteService>();

    public Task<IActionResult> OnPostNoteAsync(int id, string? text, CancellationToken cancellationToken)
    {
        NoteDraft = (null, text ?? "");
        return StepAsync(id, "Note added.", () => EditorialNotes.StartAsync(Actor, id, text ?? "", cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostReplyAsync(int id, int thread, string? text, CancellationToken cancellationToken)
    {
        NoteDraft = (thread, text ?? "");
        return StepAsync(id, "Reply added.", () => EditorialNotes.ReplyAsync(Actor, id, thread, text ?? "", cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostResolveAsync(int id, int thread, CancellationToken cancellationToken) =>
        StepAsync(id, "Marked resolved.", async () =>
        {
            if (!await EditorialNotes.ResolveAsync(Actor, id, thread, cancellationToken))
            {
                throw new WorkflowException("This thread was already resolved.");
            }
        }, cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(int id, int thread, CancellationToken cancellationToken) =>
        StepAsync(id, "Opened again.", async () =>
        {
            if (!await EditorialNotes.ReopenAsync(Actor, id, thread, cancellationToken))
            {
                throw new WorkflowException("This thread is already open.");
            }
        }, cancellationToken);

    /// <summary>The text to show in a thread's reply box (or the new-note box): what a refused note said.</summary>
    public string DraftFor(int? thread) => NoteDraft is { } draft && draft.Thread == thread ? draft.Text : "";

    private async Task LoadNotesAsync(int id, CancellationToken cancellationToken)
    {
        Threads = await EditorialNotes.ForArticleAsync(id, cancellationToken);
        SentBack = Article.Status == Core.Articles.ArticleStatus.Draft && !string.IsNullOrEmpty(Article.ReviewComment)
            ? await EditorialNotes.LastSentBackAsync(id, cancellationToken)
            : null;
    }
}
