using Masthead.Core;
using Masthead.Core.Articles;
using Masthead.Core.Corrections;
using Masthead.Core.Publishing;
using Masthead.Core.Revisions;
using Masthead.Core.Text.Blocks;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Articles;

/// <summary>What the stored article says when a save was refused as stale, and how the person's copy differs from it.</summary>
public sealed record EditConflict(ArticleDraft Saved, IReadOnlyList<FieldDiff> Changes);

/// <summary>The article editor: the form, and beside it the workflow steps, corrections and revisions (see Edit.Workflow.cs).</summary>
[AutosaveLimit]
public sealed partial class EditArticlePage(
    ArticleService articles,
    PublishingService publishing,
    RevisionService revisions,
    ArticleNoteService notes,
    TimeProvider time) : ArticleFormPage
{
    public ArticleDraft Article { get; private set; } = null!;
    public ArticleActions Can { get; private set; } = null!;
    public IReadOnlyList<RevisionSummary> Revisions { get; private set; } = [];
    public IReadOnlyList<ArticleNoteView> Notes { get; private set; } = [];

    /// <summary>Set when a save was refused because someone else saved first.</summary>
    public EditConflict? Conflict { get; private set; }

    /// <summary>Why a workflow step, a restore or a note was refused.</summary>
    public string? StepProblem { get; private set; }

    /// <summary>The step (in the past tense) that was not taken because the form was stale.</summary>
    public string? RefusedStep { get; private set; }

    public override bool CanEditFields => Can.Edit;
    public override string? PublicPath => Article.PublicPath;

    /// <summary>Everyone else with this article open in the editor now, on any node.</summary>
    public IReadOnlyList<Presence.PresentEditor> Present => Service<Presence.ArticlePresence>().Present(Article.Id, Actor.StaffId);

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    public override string EditorPath => $"/newsroom/articles/{RouteData.Values["id"]}";

    /// <param name="restore">"autosave" puts the person's autosave into the form instead of offering it.</param>
    public async Task OnGetAsync(int id, string? restore, CancellationToken cancellationToken)
    {
        await LoadAsync(id, keepForm: false, cancellationToken);
        await OfferAutosaveAsync(id, Article.Version, restore == "autosave", cancellationToken);
    }

    /// <summary>Keeps what is typed, for the editor's script; never a revision, and only ever the person's own.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(int id, CancellationToken cancellationToken)
    {
        var article = await EditorQueries.GetAsync(id, cancellationToken);
        Permissions.Demand(Permissions.CanEdit(Actor, article.Access), "edit this article");
        return await KeepAutosaveAsync(id, ArticleForm.From(article), cancellationToken);
    }

    public Task<IActionResult> OnPostDiscardAutosaveAsync(int id, CancellationToken cancellationToken) =>
        DiscardAutosaveAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(int id, string? intent, CancellationToken cancellationToken)
    {
        if (intent == "preview")
        {
            ShowPreview();
            return await ShowAsync(id, cancellationToken);
        }

        if (!ModelState.IsValid || !await CreateNewTagsAsync(cancellationToken))
        {
            return await ShowAsync(id, cancellationToken);
        }

        try
        {
            await articles.UpdateAsync(Actor, id, Form.ToInput(), Form.Version, RevisionNote, cancellationToken);
            Flash = "Saved.";
            return Redirect($"/newsroom/articles/{id}");
        }
        catch (ValidationException problems)
        {
            AddProblems(problems, FormPrefix);
            return await ShowAsync(id, cancellationToken);
        }
        catch (EditConflictException)
        {
            return await ShowConflictAsync(id, cancellationToken);
        }
        catch (HtmlBlockRefusedException refused)
        {
            return await RefuseHtmlBlockAsync(refused, () => ShowAsync(id, cancellationToken));
        }
    }

    public IActionResult OnPostPreview() => PreviewFragment();

    /// <summary>
    /// Keeps everything the person typed in the form, shows the stored version beside it, and moves the form's
    /// version on to the stored one so that saving again overwrites deliberately.
    /// </summary>
    private async Task<IActionResult> ShowConflictAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, keepForm: true, cancellationToken);
        var mine = Form.ToInput();
        Conflict = new EditConflict(Article,
        [
            new FieldDiff("Headline", WordDiff.Compare(Article.Headline, mine.Headline.Trim())),
            new FieldDiff("Standfirst", WordDiff.Compare(Article.Standfirst, mine.Standfirst.Trim())),
            new FieldDiff("Body", WordDiff.Compare(Article.BodyMarkdown, mine.BodyMarkdown)),
        ]);
        Form.Version = Article.Version;
        ModelState.Remove(FormPrefix + nameof(ArticleForm.Version));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<IActionResult> ShowAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, keepForm: true, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(int id, bool keepForm, CancellationToken cancellationToken)
    {
        Article = await EditorQueries.GetAsync(id, cancellationToken);
        if (!keepForm)
        {
            Form = ArticleForm.From(Article);
        }

        Can = new ArticleActions(Actor, Article);
        Revisions = await revisions.ListAsync(id, cancellationToken);
        Notes = await notes.ForArticleAsync(id, cancellationToken);
        await LoadNotesAsync(id, cancellationToken);
        await LoadChoicesAsync(Article.AuthorIds, cancellationToken);
    }

    public string SectionName(int? sectionId) => Choices.Sections.FirstOrDefault(s => s.Id == sectionId)?.Name ?? "No section";

    public string TagNames(IEnumerable<int> tagIds) =>
        string.Join(", ", Choices.Tags.Where(t => tagIds.Contains(t.Id)).Select(t => t.Name)) is { Length: > 0 } names ? names : "None";

    public string BylineNames(IEnumerable<int> staffIds) =>
        string.Join(", ", staffIds.Select(id => Choices.Staff.FirstOrDefault(s => s.Id == id)?.Name ?? $"#{id}"));
}
