using Masthead.Core.Articles;
using Masthead.Core.Banner;
using Masthead.Core.Live;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Live;

/// <summary>The live desk: post, edit, key, pin and delete a developing story's updates, and end its coverage.</summary>
public sealed class LiveDeskPage(LiveService live, LiveQueries liveQueries, BannerService banners, BannerQueries bannerQueries) : NewsroomPage
{
    [FromRoute]
    public int Id { get; set; }

    public LiveDeskStory Story { get; private set; } = null!;
    public LiveCoverageView? Coverage { get; private set; }

    /// <summary>The site banner up now: the desk offers the story's LIVE banner while coverage is live and it is not up.</summary>
    public BannerView? SiteBanner { get; private set; }

    public bool OffersBanner => Coverage?.IsLive == true && Story.Status == ArticleStatus.Published && Permissions.CanRunBanner(Actor)
        && (SiteBanner?.Path is null || SiteBanner.Path != Story.PublicPath);

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public bool IsKey { get; set; }

    /// <summary>The text of the update as the edit form was opened with it (<see cref="LiveUpdate.BasisOf"/>).</summary>
    [BindProperty]
    public string? Basis { get; set; }

    /// <summary>Why a button's action was refused (the story changed a moment before), shown above the desk.</summary>
    public string? Problem { get; private set; }

    /// <summary>The update being edited in place, from ?edit=ID.</summary>
    [FromQuery(Name = "edit")]
    public int? Editing { get; set; }

    /// <summary>A post or edit the rules refused: the form comes back with the refusal and what was typed.</summary>
    public bool Refused { get; private set; }

    public bool CanPost => Permissions.CanPostLive(Actor, Story.Access);

    /// <summary>Editors may send a key update of a published story to the breaking-news list.</summary>
    public bool OffersAlert => Story.Status == ArticleStatus.Published && Permissions.CanSendNewsletters(Actor);
    public bool CanStart => Story.Status == ArticleStatus.Published && Coverage?.IsLive != true && Permissions.CanPublish(Actor, Story.Access);

    /// <summary>Whether the updates can be edited, deleted, keyed and pinned: while the story is published, even after coverage ended.</summary>
    public bool CanCorrect => CanPost && Story.Status == ArticleStatus.Published && Coverage is not null;

    /// <summary>Updates are added only while coverage is live, and corrected whenever <see cref="CanCorrect"/>.</summary>
    public bool ShowsForm => Refused || (CanCorrect && (Coverage!.IsLive || EditingUpdate is not null));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken) =>
        ActAsync(() => live.StartAsync(Actor, Id, cancellationToken: cancellationToken),
            "Live coverage has started.", "Coverage of this story was already live; nothing changed.", cancellationToken);

    public async Task<IActionResult> OnPostUpdateAsync(CancellationToken cancellationToken)
    {
        if (await KeepTypedAsync(() => live.PostAsync(Actor, Id, new LiveUpdateInput(Title, Body, IsKey), cancellationToken: cancellationToken), cancellationToken) is { } refused)
        {
            return refused;
        }

        Flash = "Posted.";
        return Redirect($"/newsroom/live/{Id}");
    }

    public async Task<IActionResult> OnPostEditAsync(int update, CancellationToken cancellationToken)
    {
        Editing = update;
        if (await KeepTypedAsync(() => live.EditAsync(Actor, update, new LiveUpdateInput(Title, Body, IsKey), Basis, cancellationToken), cancellationToken) is { } refused)
        {
            return refused;
        }

        Flash = "Update edited.";
        return Redirect($"/newsroom/live/{Id}#desk-update-{update}");
    }

    public Task<IActionResult> OnPostKeyAsync(int update, bool key, CancellationToken cancellationToken) =>
        ActAsync(() => live.SetKeyAsync(Actor, update, key, cancellationToken),
            key ? "Marked as a key update." : "No longer a key update.",
            key ? "That update was already marked key; nothing changed." : "That update was already not a key update; nothing changed.", cancellationToken);

    public Task<IActionResult> OnPostPinAsync(int? update, CancellationToken cancellationToken) =>
        ActAsync(() => live.PinAsync(Actor, Id, update, cancellationToken),
            update is null ? "Unpinned." : "Pinned to the top.",
            update is null ? "Nothing was pinned any more; nothing changed." : "That update was already pinned; nothing changed.", cancellationToken);

    public Task<IActionResult> OnPostDeleteAsync(int update, CancellationToken cancellationToken) =>
        ActAsync(() => live.DeleteAsync(Actor, update, cancellationToken),
            "Update deleted.", "That update had already been deleted; nothing changed.", cancellationToken);

    public Task<IActionResult> OnPostLayoutAsync(bool oldestFirst, bool textFirst, CancellationToken cancellationToken) =>
        ActAsync(async () =>
        {
            await live.SetLayoutAsync(Actor, Id, new LiveLayout(oldestFirst, textFirst), cancellationToken);
            return true;
        }, "The page layout is saved.", "The page layout is saved.", cancellationToken);

    public Task<IActionResult> OnPostBannerAsync(CancellationToken cancellationToken) =>
        ActAsync(async () =>
        {
            await banners.RaiseForLiveStoryAsync(Actor, Id, cancellationToken);
            return true;
        }, "The story's LIVE banner is up on every page.", "The story's LIVE banner is up on every page.", cancellationToken);

    public Task<IActionResult> OnPostEndAsync(CancellationToken cancellationToken) =>
        ActAsync(() => live.EndAsync(Actor, Id, cancellationToken),
            "Coverage has ended.", "Coverage of this story had already ended; nothing changed.", cancellationToken);

    public LiveUpdateView? EditingUpdate => Coverage?.Updates.FirstOrDefault(u => u.Id == Editing);

    /// <summary>
    /// Runs a post or an edit. A refusal (bad input; the story ended or was unpublished, the right to post was
    /// withdrawn or the update deleted while the text was being typed) re-shows the desk with the message and the
    /// text, never an error page.
    /// </summary>
    /// <returns>The page to show when refused; null when the change was made.</returns>
    private async Task<IActionResult?> KeepTypedAsync(Func<Task> change, CancellationToken cancellationToken)
    {
        try
        {
            await change();
            return null;
        }
        catch (Core.ValidationException problems)
        {
            AddProblems(problems);
        }
        catch (WorkflowException refused)
        {
            ModelState.AddModelError("", refused.Message);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (ForbiddenException refused)
        {
            ModelState.AddModelError("", refused.Message);
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        catch (NotFoundException gone)
        {
            ModelState.AddModelError("", gone.Message); // a colleague deleted the update being edited
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        catch (LiveEditConflictException)
        {
            ModelState.AddModelError("", "Someone else changed this update while you were editing it, so your edit was not saved. "
                + "Your text is in the form and theirs is on the desk below; save again to replace theirs with yours.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            Refused = true;
            await LoadAsync(cancellationToken);
            Basis = EditingUpdate?.Basis; // saving again now replaces theirs deliberately
            ModelState.Remove(nameof(Basis));
            return Page();
        }

        Refused = true;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// Runs one of the desk's buttons. A second press of the same button (a colleague's a moment before) changes
    /// nothing and says so; one the story's state no longer allows is refused on the desk.
    /// </summary>
    /// <param name="action">Whether it changed anything.</param>
    private async Task<IActionResult> ActAsync(Func<Task<bool>> action, string done, string alreadyDone, CancellationToken cancellationToken)
    {
        try
        {
            Flash = await action() ? done : alreadyDone;
            return Redirect($"/newsroom/live/{Id}");
        }
        catch (WorkflowException refused)
        {
            Problem = refused.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (NotFoundException gone)
        {
            // An update a colleague deleted a moment before; when the story itself is gone, loading it says so instead.
            Problem = gone.Message;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Story = await liveQueries.DeskStoryAsync(Id, cancellationToken);
        Coverage = await liveQueries.CoverageAsync(Id, cancellationToken);
        SiteBanner = await bannerQueries.CurrentAsync(cancellationToken);
        if (Request.Method == HttpMethods.Get && EditingUpdate is { } editing)
        {
            Title = editing.Title;
            Body = editing.BodyMarkdown;
            IsKey = editing.IsKey;
            Basis = editing.Basis;
        }
    }
}
