using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Masthead.Bench;

/// <summary>The article editor: writing a draft and taking it through a workflow step, as an editor does.</summary>
public sealed partial class Newsroom
{
    /// <summary>Saves a new draft through the editor's form, in the first section and with the editor's own byline; returns its id.</summary>
    public async Task<int> CreateDraftAsync(string headline, string slug, string standfirst, string body, CancellationToken cancellationToken)
    {
        const string page = "/newsroom/articles/new";
        var html = await GetPageAsync(page, cancellationToken);
        var form = Forms(page, html).FirstOrDefault(f => f.Action == page) ?? throw new BenchException($"{page} has no article form.");
        var section = FirstSection().Match(html).Groups[1].Value;
        var byline = OwnByline().Match(html).Groups[1].Value;
        using var response = await PostAsync(form,
        [
            new("Form.Headline", headline), new("Form.Slug", slug), new("Form.Standfirst", standfirst), new("Form.BodyMarkdown", body),
            new("Form.SectionId", section), new("Form.AuthorIds[0]", byline), new("Form.Version", "0"), new("intent", "save"),
        ], cancellationToken);
        var location = response.Headers.Location?.OriginalString ?? "";
        var id = SavedArticle().Match(location);
        return id.Success ? int.Parse(id.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new BenchException($"Saving the draft \"{headline}\" answered {(int)response.StatusCode} {location}.");
    }

    /// <summary>
    /// Posts <paramref name="body"/> to the editor's preview, as its script does; returns how long the answer took,
    /// and the refusal it shows when the body cannot be rendered.
    /// </summary>
    public async Task<(TimeSpan Elapsed, string? Refusal)> PreviewAsync(string body, CancellationToken cancellationToken)
    {
        const string page = "/newsroom/articles/new";
        _previewForm ??= Forms(page, await GetPageAsync(page, cancellationToken)).FirstOrDefault(f => f.Action == page)
            ?? throw new BenchException($"{page} has no article form.");
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.PostAsync($"{page}?handler=Preview", new FormUrlEncodedContent(
            [new("Form.Headline", "Preview"), new("Form.BodyMarkdown", body), new("__RequestVerificationToken", _previewForm.Token)]), cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (response.StatusCode != System.Net.HttpStatusCode.OK || !html.Contains("id=\"preview\"", StringComparison.Ordinal))
        {
            throw new BenchException($"The preview answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 300)]}");
        }

        var refusal = PreviewRefusal().Match(html);
        return (elapsed, refusal.Success ? System.Net.WebUtility.HtmlDecode(refusal.Groups[1].Value) : null);
    }

    /// <summary>
    /// Posts the editor's fields to its autosave handler, as the editor's script does while the person types; returns how
    /// long the answer took, and fails unless the server says it kept them.
    /// </summary>
    public async Task<TimeSpan> AutosaveAsync(int articleId, string headline, string body, CancellationToken cancellationToken)
    {
        var page = $"/newsroom/articles/{articleId}";
        if (_autosaveForm?.Form.Action != page)
        {
            var html = await GetPageAsync(page, cancellationToken);
            var form = Forms(page, html).FirstOrDefault(f => f.Action == page) ?? throw new BenchException($"{page} has no article form.");
            _autosaveForm = (form, FormVersion().Match(html).Groups[1].Value);
        }

        var (editor, version) = _autosaveForm.Value;
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.PostAsync($"{page}?handler=Autosave", new FormUrlEncodedContent(
        [
            new("Form.Headline", headline), new("Form.BodyMarkdown", body), new("Form.Version", version), new("__RequestVerificationToken", editor.Token),
        ]), cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (response.StatusCode != System.Net.HttpStatusCode.OK || !answer.Contains("\"keptAt\":\"", StringComparison.Ordinal))
        {
            throw new BenchException($"The autosave answered {(int)response.StatusCode}: {answer[..Math.Min(answer.Length, 300)]}");
        }

        return elapsed;
    }

    /// <summary>
    /// A workflow step (Publish, Submit, Unpublish...) from the article's editor page, ready to post: a form of its
    /// own, or a button of the article form (formaction) that saves the form with the step, posted with the form's
    /// fields as the page shows them, as a browser does.
    /// </summary>
    public async Task<WorkflowStep> OpenStepAsync(int articleId, string handler, CancellationToken cancellationToken)
    {
        var page = $"/newsroom/articles/{articleId}";
        var html = await GetPageAsync(page, cancellationToken);
        var forms = Forms(page, html);
        if (forms.FirstOrDefault(f => f.Action.EndsWith($"?handler={handler}", StringComparison.Ordinal)) is { } own)
        {
            return new WorkflowStep(own, handler, []);
        }

        var button = Regex.Match(html, $"form=\"article-form\" formaction=\"([^\"]*\\?handler={handler})\"");
        var article = ArticleForm().Match(html);
        if (!button.Success || !article.Success || forms.FirstOrDefault(f => f.Action == page) is not { } form)
        {
            throw new BenchException($"The editor of article {articleId} offers no {handler} step.");
        }

        return new WorkflowStep(form with { Action = WebUtility.HtmlDecode(button.Groups[1].Value) }, handler, FormFields.Of(article.Value));
    }

    /// <summary>Posts the step; returns how long the request took (until its redirect answer, which is not followed).</summary>
    public async Task<TimeSpan> TakeStepAsync(WorkflowStep step, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await PostAsync(step.Form, step.Fields, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        EnsureRedirect(response, step.Handler);
        return elapsed;
    }

    public sealed class WorkflowStep
    {
        internal WorkflowStep(Form form, string handler, KeyValuePair<string, string>[] fields) => (Form, Handler, Fields) = (form, handler, fields);

        internal Form Form { get; }
        internal string Handler { get; }
        internal KeyValuePair<string, string>[] Fields { get; }
    }

    [GeneratedRegex("""<form[^>]*\bid="article-form"[^>]*>.*?</form>""", RegexOptions.Singleline)]
    private static partial Regex ArticleForm();

    [GeneratedRegex("name=\"Form.Version\"[^>]*value=\"(\\d+)\"")]
    private static partial Regex FormVersion();

    [GeneratedRegex("""<p class="errors" role="alert">The body cannot be shown: (.*?)</p>""", RegexOptions.Singleline)]
    private static partial Regex PreviewRefusal();

    [GeneratedRegex("""name="Form.SectionId"[^>]*>.*?<option value="(\d+)""", RegexOptions.Singleline)]
    private static partial Regex FirstSection();

    [GeneratedRegex("""id="byline-1">.*?<option value="(\d+)" selected""", RegexOptions.Singleline)]
    private static partial Regex OwnByline();

    [GeneratedRegex("""^/newsroom/articles/(\d+)$""")]
    private static partial Regex SavedArticle();
}
