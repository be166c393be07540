using Masthead.Core;
using Masthead.Core.Articles;
using Masthead.Core.Text.Blocks;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Articles;

public sealed class NewArticlePage(ArticleService articles) : ArticleFormPage
{
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Form = new ArticleForm { AuthorIds = [Actor.StaffId] };
        await LoadChoicesAsync([], cancellationToken);
    }

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
