using Masthead.Core;
using Masthead.Core.Articles;
using Masthead.Core.Corrections;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Articles;

/// <summary>The editor's small forms: workflow steps, restoring a revision, adding a correction.</summary>
public sealed partial class EditArticlePage
{
    /// <summary>What was typed into the small forms, kept when a step is refused.</summary>
    public string? SendBackComment { get; private set; }
    public string? ScheduleAtTyped { get; private set; }
    public ArticleNoteKind NoteKind { get; private set; } = ArticleNoteKind.Correction;
    public string? NoteText { get; private set; }

    /// <summary>The schedule field's starting value: the scheduled time, or the next full hour.</summary>
    public string ScheduleAtValue => ScheduleAtTyped ?? LocalTimeInput.Format(
        Article.ScheduledFor ?? NextFullHour(time.GetUtcNow().UtcDateTime), Publication.Clock);

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, "Submitted for review.", () => publishing.SubmitAsync(Actor, id, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostSendBackAsync(int id, string? comment, CancellationToken cancellationToken)
    {
        SendBackComment = comment;
        return StepAsync(id, "Sent back to the writer with your comment.", () => publishing.SendBackAsync(Actor, id, comment ?? "", cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, "Published.", () => publishing.PublishAsync(Actor, id, cancellationToken: cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostScheduleAsync(int id, string? publishAt, CancellationToken cancellationToken)
    {
        ScheduleAtTyped = publishAt;
        if (LocalTimeInput.ToUtc(publishAt, Publication.Clock.TimeZone, out var problem) is not { } utc)
        {
            StepProblem = problem;
            await LoadAsync(id, keepForm: false, cancellationToken);
            return Page();
        }

        return await StepAsync(id, $"Scheduled for {LocalTime(utc)}.", () => publishing.ScheduleAsync(Actor, id, utc, cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostUnscheduleAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, "Unscheduled: it is a draft again.", () => publishing.UnscheduleAsync(Actor, id, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, "Unpublished: its address now tells readers it was removed.", () => publishing.UnpublishAsync(Actor, id, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRepublishAsync(int id, CancellationToken cancellationToken) =>
        StepAsync(id, "Republished at its old address.", () => publishing.RepublishAsync(Actor, id, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRestoreAsync(int id, int number, int version, CancellationToken cancellationToken)
    {
        try
        {
            var restored = await revisions.RestoreAsync(Actor, id, number, version, cancellationToken);
            Flash = restored.LeftOut is { } leftOut
                ? $"Restored revision {number} as a new revision, leaving out what has since been deleted: {leftOut}."
                : $"Restored revision {number} as a new revision.";
            return Redirect($"/newsroom/articles/{id}");
        }
        catch (EditConflictException)
        {
            StepProblem = $"Someone saved this article after you opened it, so revision {number} was not restored. Look at the latest version and try again.";
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (ValidationException problems)
        {
            StepProblem = $"Revision {number} was not restored: {problems.Message}";
        }

        await LoadAsync(id, keepForm: false, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostAddNoteAsync(int id, ArticleNoteKind kind, string? text, CancellationToken cancellationToken)
    {
        NoteKind = kind;
        NoteText = text;
        return StepAsync(id, $"{kind} added; readers see it on the article.", () => notes.AddAsync(Actor, id, kind, text ?? "", cancellationToken), cancellationToken);
    }

    /// <summary>Runs one step; a refusal the person can act on is shown on the editor rather than an error page.</summary>
    private async Task<IActionResult> StepAsync(int id, string done, Func<Task> step, CancellationToken cancellationToken)
    {
        try
        {
            await step();
            Flash = done;
            return Redirect($"/newsroom/articles/{id}");
        }
        catch (WorkflowException refused)
        {
            StepProblem = refused.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (ValidationException problems)
        {
            StepProblem = problems.Message;
        }

        await LoadAsync(id, keepForm: false, cancellationToken);
        return Page();
    }

    private static DateTime NextFullHour(DateTime utc) => new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc).AddHours(1);
}
