using System.ComponentModel.DataAnnotations;
using Masthead.Core.Articles;
using Masthead.Core.Live;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Live;

/// <summary>The live desk: post, edit, key, pin and delete a developing story's updates, and end its coverage.</summary>
public sealed class LiveDeskPage(LiveService live, LiveQueries liveQueries) : NewsroomPage
{
    [FromRoute]
    public int Id { get; set; }

    public LiveDeskStory Story { get; private set; } = null!;
    public LiveCoverageView? Coverage { get; private set; }

    [BindProperty, StringLength(LiveUpdate.MaxTitleLength)]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public bool IsKey { get; set; }

    /// <summary>The update being edited in place, from ?edit=ID.</summary>
    [FromQuery(Name = "edit")]
    public int? Editing { get; set; }

    public bool CanPost => Permissions.CanPostLive(Actor, Story.Access);
    public bool CanStart => Story.Status == ArticleStatus.Published && Coverage?.IsLive != true && Permissions.CanPublish(Actor, Story.Access);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken) =>
        ActAsync(() => live.StartAsync(Actor, Id, cancellationToken: cancellationToken), "Live coverage has started.", cancellationToken);

    public async Task<IActionResult> OnPostUpdateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await live.PostAsync(Actor, Id, new LiveUpdateInput(Title, Body, IsKey), cancellationToken: cancellationToken);
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems);
            await LoadAsync(cancellationToken);
            return Page();
        }

        Flash = "Posted.";
        return Redirect($"/newsroom/live/{Id}");
    }

    public async Task<IActionResult> OnPostEditAsync(int update, CancellationToken cancellationToken)
    {
        try
        {
            await live.EditAsync(Actor, update, new LiveUpdateInput(Title, Body, IsKey), cancellationToken);
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems);
            Editing = update;
            await LoadAsync(cancellationToken);
            return Page();
        }

        Flash = "Update edited.";
        return Redirect($"/newsroom/live/{Id}#desk-update-{update}");
    }

    public Task<IActionResult> OnPostKeyAsync(int update, bool key, CancellationToken cancellationToken) =>
        ActAsync(() => live.SetKeyAsync(Actor, update, key, cancellationToken), key ? "Marked as a key update." : "No longer a key update.", cancellationToken);

    public Task<IActionResult> OnPostPinAsync(int? update, CancellationToken cancellationToken) =>
        ActAsync(() => live.PinAsync(Actor, Id, update, cancellationToken), update is null ? "Unpinned." : "Pinned to the top.", cancellationToken);

    public Task<IActionResult> OnPostDeleteAsync(int update, CancellationToken cancellationToken) =>
        ActAsync(() => live.DeleteAsync(Actor, update, cancellationToken), "Update deleted.", cancellationToken);

    public Task<IActionResult> OnPostEndAsync(CancellationToken cancellationToken) =>
        ActAsync(() => live.EndAsync(Actor, Id, cancellationToken), "Coverage has ended.", cancellationToken);

    public LiveUpdateView? EditingUpdate => Coverage?.Updates.FirstOrDefault(u => u.Id == Editing);

    private async Task<IActionResult> ActAsync(Func<Task> action, string done, CancellationToken cancellationToken)
    {
        await action();
        Flash = done;
        return Redirect($"/newsroom/live/{Id}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Story = await liveQueries.DeskStoryAsync(Id, cancellationToken);
        Coverage = await liveQueries.CoverageAsync(Id, cancellationToken);
        if (Request.Method == HttpMethods.Get && EditingUpdate is { } editing)
        {
            Title = editing.Title;
            Body = editing.BodyMarkdown;
            IsKey = editing.IsKey;
        }
    }
}
