using Masthead.Core;
using Masthead.Core.Autosaves;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Articles;

/// <summary>What the editor's script is told after keeping an autosave.</summary>
public sealed record AutosaveAnswer(DateTime? KeptAt, string Message);

/// <summary>
/// Autosave, shared by the new-article page and the editor: the script posts the form every few seconds while it
/// changes (and when the tab is hidden) to ?handler=Autosave; opening the page again offers what was kept back.
/// </summary>
public abstract partial class ArticleFormPage
{
    /// <summary>An autosave of the person's that holds what the article (or a blank new article) does not.</summary>
    public AutosaveOffer? Offer { get; private set; }

    /// <summary>When the autosave now in the form was kept, if the person restored one.</summary>
    public DateTime? RestoredFrom { get; private set; }

    /// <summary>Someone saved the article after the restored autosave was begun.</summary>
    public bool RestoredSavedSince { get; private set; }

    /// <summary>This page's own address: "/newsroom/articles/12" or "/newsroom/articles/new".</summary>
    public abstract string EditorPath { get; }

    /// <summary>Whether the form holds what is not saved: an autosave restored into it, or a post shown again after a refusal.</summary>
    public bool FormUnsaved => RestoredFrom is not null || HttpMethods.IsPost(Request.Method);

    /// <summary>
    /// What the autosave script starts from: "paused" while an autosave is offered (keeping another would replace
    /// it), "unsaved" when the form holds what is not saved, "saved" when it holds the article as stored.
    /// </summary>
    public string AutosaveState => Offer is not null ? "paused" : FormUnsaved ? "unsaved" : "saved";

    /// <summary>"2:03 PM" today, the date and time otherwise, in the publication's time zone.</summary>
    public string WhenText(DateTime utc)
    {
        var clock = Publication.Clock;
        return clock.LocalDate(utc) == clock.LocalDate(Service<TimeProvider>().GetUtcNow().UtcDateTime) ? clock.FormatTime(utc) : clock.FormatDateTime(utc);
    }

    private AutosaveService Autosaves => Service<AutosaveService>();

    /// <summary>Offers the person's autosave, or, asked to (?restore=autosave), puts it into the form.</summary>
    protected async Task OfferAutosaveAsync(int? articleId, int currentVersion, bool restore, CancellationToken cancellationToken)
    {
        if (!CanEditFields || AutosaveOffer.Of(await Autosaves.FindAsync(Actor, articleId, cancellationToken), Form, currentVersion) is not var (kept, offer))
        {
            return;
        }

        if (restore)
        {
            Form = kept;
            (RestoredFrom, RestoredSavedSince) = (offer.KeptAt, offer.SavedSince);
        }
        else
        {
            Offer = offer;
        }
    }

    /// <summary>
    /// Keeps the posted form as the person's autosave; one the same as <paramref name="saved"/> (what a save now would
    /// leave unchanged) is nothing to offer back, and forgets any kept before.
    /// </summary>
    protected async Task<IActionResult> KeepAutosaveAsync(int? articleId, ArticleForm saved, CancellationToken cancellationToken)
    {
        if (AutosaveFields.SameContent(Form, saved))
        {
            await Autosaves.DiscardAsync(Actor, articleId, cancellationToken);
            return new JsonResult(new AutosaveAnswer(null, "No unsaved changes."));
        }

        try
        {
            var at = await Autosaves.KeepAsync(Actor, articleId, AutosaveFields.Write(Form), Form.Version, cancellationToken);
            return new JsonResult(new AutosaveAnswer(at, $"Unsaved changes kept at {Publication.Clock.FormatTime(at)}."));
        }
        catch (ValidationException refused)
        {
            return new JsonResult(new AutosaveAnswer(null, refused.Message)) { StatusCode = StatusCodes.Status413PayloadTooLarge };
        }
    }

    protected async Task<IActionResult> DiscardAutosaveAsync(int? articleId, CancellationToken cancellationToken)
    {
        Flash = await Autosaves.DiscardAsync(Actor, articleId, cancellationToken) ? "Discarded the unsaved changes." : "There were no unsaved changes to discard.";
        return Redirect(EditorPath);
    }
}
