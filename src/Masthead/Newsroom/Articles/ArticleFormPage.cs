using Masthead.Core;
using Masthead.Core.Articles;
using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Masthead.Core.Storage;
using Masthead.Core.Tags;
using Masthead.Core.Text;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Newsroom.Articles;

/// <summary>The sections, tags and staff the editor form offers.</summary>
public sealed record ArticleFormChoices(IReadOnlyList<SectionView> Sections, IReadOnlyList<TagView> Tags, IReadOnlyList<BylineChoice> Staff);

/// <summary>What the new-article page and the article editor share: the posted form, its choices, preview and problems.</summary>
public abstract class ArticleFormPage : NewsroomPage
{
    public const string FormPrefix = nameof(Form) + ".";

    [BindProperty]
    public ArticleForm Form { get; set; } = new();

    public ArticleFormChoices Choices { get; private set; } = new([], [], []);

    /// <summary>The body rendered as readers would see it, when the person asked for a preview.</summary>
    public string? PreviewHtml { get; private set; }

    /// <summary>Why the body cannot be previewed (nor saved) as it is.</summary>
    public string? PreviewProblem { get; private set; }

    /// <summary>False when the person may read but not change the article: the fields are shown disabled.</summary>
    public virtual bool CanEditFields => true;

    /// <summary>Where readers find the article, once it is published.</summary>
    public virtual string? PublicPath => null;

    protected ArticleEditorQueries EditorQueries => Service<ArticleEditorQueries>();

    public string? ProblemWith(string field) =>
        ModelState.TryGetValue(FormPrefix + field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public bool HasFormProblems => ModelState.Any(e => e.Key.StartsWith(FormPrefix, StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 });

    protected async Task LoadChoicesAsync(IReadOnlyCollection<int> bylinesToKeep, CancellationToken cancellationToken)
    {
        var sections = await Service<SectionService>().ListAsync(cancellationToken);
        var tags = await Service<TagService>().ListAsync(cancellationToken);
        var staff = await EditorQueries.BylineChoicesAsync(bylinesToKeep.Concat(Form.AuthorIds.OfType<int>()).ToList(), cancellationToken);
        Choices = new ArticleFormChoices(sections, tags, staff);
    }

    /// <summary>Renders the body as the save would, refusing what the save would refuse, beside the field and in the preview.</summary>
    protected void ShowPreview()
    {
        try
        {
            PreviewHtml = Service<MarkdownRenderer>().Render((Form.BodyMarkdown ?? "").ReplaceLineEndings("\n"), Article.MaxBodyLength, nameof(ArticleForm.BodyMarkdown)).Html;
        }
        catch (ValidationException refused)
        {
            PreviewHtml = "";
            PreviewProblem = refused.Problems[nameof(ArticleForm.BodyMarkdown)];
            ModelState.AddModelError(FormPrefix + nameof(ArticleForm.BodyMarkdown), PreviewProblem);
        }
    }

    /// <summary>The preview alone, for the script that shows it without reloading the page.</summary>
    protected IActionResult PreviewFragment()
    {
        ShowPreview();
        return Partial("_Preview", this);
    }

    /// <summary>
    /// Creates the tags typed into "new tags" (reusing any that already exist) and ticks them, so the save that
    /// follows includes them. Returns false, with the problem shown beside the field, when one cannot be created.
    /// </summary>
    protected async Task<bool> CreateNewTagsAsync(CancellationToken cancellationToken)
    {
        if (Form.NewTags?.Length > ArticleForm.MaxNewTagsLength)
        {
            ModelState.AddModelError(FormPrefix + nameof(ArticleForm.NewTags),
                $"Keep the new tags to {ArticleForm.MaxNewTagsLength:N0} characters; save some now and the rest later.");
            return false;
        }

        var names = Form.NewTagNames().ToList();
        if (names.Count == 0)
        {
            return true;
        }

        var tags = Service<TagService>();
        var existing = await tags.ListAsync(cancellationToken);
        foreach (var name in names)
        {
            var slug = Slugs.Slugify(name);
            var match = existing.Find(t => t.Slug == slug || string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
            try
            {
                Form.TagIds.Add(match?.Id ?? await tags.CreateAsync(Actor, name, cancellationToken: cancellationToken));
            }
            catch (ValidationException problem)
            {
                ModelState.AddModelError(FormPrefix + nameof(ArticleForm.NewTags), $"The tag '{name}' could not be created: {problem.Message}");
                return false;
            }
        }

        Form.NewTags = null;
        ModelState.Remove(FormPrefix + nameof(ArticleForm.NewTags));
        return true;
    }

    protected string? RevisionNote => string.IsNullOrWhiteSpace(Form.Note) ? null : Form.Note.Trim();

    protected T Service<T>()
        where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();
}
