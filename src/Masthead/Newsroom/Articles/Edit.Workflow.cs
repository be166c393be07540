using Masthead.Core;
using Masthead.Core.Articles;
using Masthead.Core.Corrections;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Articles;

/// <summary>The editor's workflow steps, which save the form with them, and its small forms: restoring a revision, adding a correction.</summary>
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
        FormStepAsync(id, WorkflowStep.Submit, "Submitted for review.", edit => publishing.SubmitAsync(Actor, id, edit, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostSendBackAsync(int id, string? comment, CancellationToken cancellationToken)
    {
        SendBackComment = comment;
        return FormStepAsync(id, WorkflowStep.SendBack, "Sent back to the writer with your note.",
            edit => publishing.SendBackAsync(Actor, id, comment ?? "", edit, cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) =>
        FormStepAsync(id, WorkflowStep.Publish, "Published.", edit => publishing.PublishAsync(Actor, id, edit, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostScheduleAsync(int id, string? publishAt, CancellationToken cancellationToken)
    {
        ScheduleAtTyped = publishAt;
        if (LocalTimeInput.ToUtc(publishAt, Publication.Clock.TimeZone, out var problem) is not { } utc)
        {
            StepProblem = $"Nothing was saved and the article was not scheduled: {problem}";
            return await ShowAsync(id, cancellationToken);
        }

        return await FormStepAsync(id, WorkflowStep.Schedule, $"Scheduled for {LocalTime(utc)}.",
            edit => publishing.ScheduleAsync(Actor, id, utc, edit, cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostUnscheduleAsync(int id, CancellationToken cancellationToken) =>
        FormStepAsync(id, WorkflowStep.Unschedule, "Unscheduled: it is a draft again.", edit => publishing.UnscheduleAsync(Actor, id, edit, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken cancellationToken) =>
        FormStepAsync(id, WorkflowStep.Unpublish, "Unpublished: its address now tells readers it was removed.",
            edit => publishing.UnpublishAsync(Actor, id, edit, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRepublishAsync(int id, CancellationToken cancellationToken) =>
        FormStepAsync(id, WorkflowStep.Republish, "Republished at its old address.", edit => publishing.RepublishAsync(Actor, id, edit, cancellationToken), cancellationToken);

    /// <summary>
    /// Restores a revision as a new one. A published article's goes live at once, so it is restored only once the
    /// person has seen what it brings back and confirmed (<paramref name="confirmed"/>): the first press leads to the
    /// page that asks. It keeps the current address unless <paramref name="keepSlug"/> is false.
    /// </summary>
    public async Task<IActionResult> OnPostRestoreAsync(int id, int number, int version, bool confirmed, bool? keepSlug, CancellationToken cancellationToken)
    {
        var article = await EditorQueries.GetAsync(id, cancellationToken);
        var published = article.Status == ArticleStatus.Published;
        if (published && !confirmed)
        {
            Permissions.Demand(Permissions.CanEdit(Actor, article.Access), "edit this article");
            return Redirect(RestoreRevisionPage.PathFor(id, number));
        }

        try
        {
            var restored = await revisions.RestoreAsync(Actor, id, number, version, keepSlug ?? published, cancellationToken);
            var leftOut = restored.LeftOut is { } deleted ? $", leaving out what has since been deleted: {deleted}" : "";
            Flash = $"Restored revision {number} as a new revision{leftOut}."
                + (published ? $" It is live at {(await EditorQueries.GetAsync(id, cancellationToken)).PublicPath}." : "");
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

    /// <summary>
    /// Takes a workflow step with what the article's form holds: Core saves the form and takes the step in one
    /// transaction. A refusal is shown on the editor with everything typed still in the form: a stale version on the
    /// conflict page, a problem with a field beside it.
    /// </summary>
    private async Task<IActionResult> FormStepAsync(int id, WorkflowStep step, string done, Func<ArticleEdit, Task> take, CancellationToken cancellationToken)
    {
        var past = WorkflowSteps.Of(step).Past;
        if (!ModelState.IsValid || !await CreateNewTagsAsync(cancellationToken))
        {
            StepProblem = $"Nothing was saved and the article was not {past}: fix what is marked in the form.";
            return await ShowAsync(id, cancellationToken);
        }

        try
        {
            await take(new ArticleEdit(Form.ToInput(), Form.Version, RevisionNote));
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
            StepProblem = $"Nothing was saved and the article was not {past}: {problems.Message}";
            foreach (var (field, message) in problems.Problems.Where(p => ArticleForm.HasField(p.Key)))
            {
                ModelState.AddModelError(FormPrefix + field, message);
            }
        }
        catch (EditConflictException)
        {
            RefusedStep = past;
            return await ShowConflictAsync(id, cancellationToken);
        }

        return await ShowAsync(id, cancellationToken);
    }

    /// <summary>Runs one of the aside's own forms (a correction, a note); a refusal the person can act on is shown on the editor.</summary>
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
