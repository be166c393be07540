using Masthead.Core;
using Masthead.Core.Articles;
using Masthead.Core.Text.Blocks;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Articles;

[AutosaveLimit]
public sealed class NewArticlePage(ArticleService articles) : ArticleFormPage
{
    public override string EditorPath => "/newsroom/articles/new";

    /// <param name="restore">"autosave" puts the person's autosave of a new article into the form instead of offering it.</param>
    public async Task OnGetAsync(string? restore, CancellationToken cancellationToken)
    {
        Form = Blank();
        await OfferAutosaveAsync(null, currentVersion: 0, restore == "autosave", cancellationToken);
        await LoadChoicesAsync([], cancellationToken);
    }

    /// <summary>Keeps what is typed into a new article, for the page's script: the person's one autosave of a new article.</summary>
    public Task<IActionResult> OnPostAutosaveAsync(CancellationToken cancellationToken) => KeepAutosaveAsync(null, Blank(), cancellationToken);

    public Task<IActionResult> OnPostDiscardAutosaveAsync(CancellationToken cancellationToken) => DiscardAutosaveAsync(null, cancellationToken);

    /// <summary>The form a new article starts from: empty, with the person's own byline.</summary>
    private ArticleForm Blank() => new() { AuthorIds = [Actor.StaffId] };

    public async Task<IActionResult> OnPostAsync(string? intent, CancellationToken cancellationToken)
    {
        if (intent == "preview")
        {
            ShowPreview();
        }
        else if (ModelState.IsValid && await CreateNewTagsAsync(cancellationToken))
        {
            try
            {
                var id = await articles.CreateAsync(Actor, Form.ToInput(), RevisionNote, cancellationToken);
                Flash = $"Saved “{Form.Headline?.Trim()}” as a draft.";
                return Redirect($"/newsroom/articles/{id}");
            }
            catch (ValidationException problems)
            {
                AddProblems(problems, FormPrefix);
            }
            catch (HtmlBlockRefusedException refused)
            {
                await LoadChoicesAsync([], cancellationToken);
                return await RefuseHtmlBlockAsync(refused, () => Task.FromResult<IActionResult>(Page()));
            }
        }

        await LoadChoicesAsync([], cancellationToken);
        return Page();
    }

    public IActionResult OnPostPreview() => PreviewFragment();
}
