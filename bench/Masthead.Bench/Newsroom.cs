using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Masthead.Bench;

/// <summary>An editor in the newsroom, driving the same forms a person does: sign in, start coverage, post updates.</summary>
public sealed partial class Newsroom(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private Form? _updateForm;
    private Form? _bannerForm;
    private Form? _previewForm;
    private (Form Form, string Version)? _autosaveForm;

    /// <summary>Signs in as the demo publication's editor (src/Masthead.Core/Demo: DemoAccounts).</summary>
    public Task SignInAsDemoEditorAsync(CancellationToken cancellationToken) =>
        SignInAsync("anaya-kessler@larkmoorlantern.example", "lantern-editor", cancellationToken);

    public async Task SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var form = Forms("/newsroom/sign-in", await GetPageAsync("/newsroom/sign-in", cancellationToken)).First(f => f.Action == "/newsroom/sign-in");
        using var response = await PostAsync(form, [new("Email", email), new("Password", password)], cancellationToken);
        if (response.Headers.Location?.OriginalString.StartsWith("/newsroom/sign-in", StringComparison.Ordinal) != false)
        {
            throw new BenchException($"Signing in as {email} failed ({(int)response.StatusCode}).");
        }
    }

    /// <summary>The story's public path (from the front page) and its article id (from the newsroom's article list).</summary>
    public async Task<(string Path, int ArticleId)> FindStoryAsync(string slug, CancellationToken cancellationToken)
    {
        var front = await GetPageAsync("/", cancellationToken);
        var path = Regex.Match(front, $"href=\"(/\\d{{4}}/\\d{{2}}/\\d{{2}}/{Regex.Escape(slug)})\"").Groups[1].Value;
        if (path.Length == 0)
        {
            throw new BenchException($"The front page has no link to a story with slug {slug}.");
        }

        foreach (Match article in ArticleLink().Matches(await GetPageAsync("/newsroom/articles", cancellationToken)))
        {
            if ((await GetPageAsync(article.Value, cancellationToken)).Contains($"href=\"{path}\"", StringComparison.Ordinal))
            {
                return (path, int.Parse(article.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        throw new BenchException($"No article in the newsroom links to {path}.");
    }

    /// <summary>Starts live coverage from the desk unless it is live already; keeps the desk's post form for later.</summary>
    public async Task StartCoverageAsync(int articleId, CancellationToken cancellationToken)
    {
        var desk = $"/newsroom/live/{articleId}";
        var forms = Forms(desk, await GetPageAsync(desk, cancellationToken));
        if (forms.FirstOrDefault(f => f.Action.Contains("handler=Start", StringComparison.Ordinal)) is { } start)
        {
            using var response = await PostAsync(start, [], cancellationToken);
            EnsureRedirect(response, "Starting coverage");
            forms = Forms(desk, await GetPageAsync(desk, cancellationToken));
        }

        _updateForm = forms.FirstOrDefault(f => f.Action.Contains("handler=Update", StringComparison.Ordinal))
            ?? throw new BenchException($"The live desk at {desk} has no form to post an update.");
    }

    /// <summary>Posts one update through the desk's form; returns how long the request took (without following the redirect).</summary>
    public async Task<TimeSpan> PostUpdateAsync(string title, string body, CancellationToken cancellationToken)
    {
        var form = _updateForm ?? throw new InvalidOperationException("Start coverage first.");
        var started = Stopwatch.GetTimestamp();
        using var response = await PostAsync(form, [new("Title", title), new("Body", body), new("IsKey", "false")], cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        EnsureRedirect(response, "Posting an update");
        return elapsed;
    }

    /// <summary>Raises a BREAKING banner with <paramref name="text"/> through the banner desk's form (replacing the one up); returns how long the request took.</summary>
    public async Task<TimeSpan> RaiseBannerAsync(string text, CancellationToken cancellationToken)
    {
        _bannerForm ??= Forms("/newsroom/banner", await GetPageAsync("/newsroom/banner", cancellationToken))
            .FirstOrDefault(f => f.Action.Contains("handler=Raise", StringComparison.Ordinal))
            ?? throw new BenchException("The banner desk at /newsroom/banner has no form to raise a banner.");
        var started = Stopwatch.GetTimestamp();
        using var response = await PostAsync(_bannerForm, [new("Label", "BREAKING"), new("Text", text), new("ArticleId", ""), new("ExpiresInMinutes", "0")], cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        EnsureRedirect(response, "Raising a banner");
        return elapsed;
    }

    /// <summary>The id of the banner the front page shows (data-banner, 0 for none), from which its script follows the site's stream.</summary>
    public async Task<int> BannerShownAsync(CancellationToken cancellationToken)
    {
        var shown = Regex.Match(await GetPageAsync("/", cancellationToken), "data-banner=\"(\\d+)\"");
        return shown.Success ? int.Parse(shown.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new BenchException("The front page has no banner slot with data-banner.");
    }

    /// <summary>The last event id the story's page shows (data-after), from which its script follows the stream.</summary>
    public async Task<int> LastEventIdAsync(string storyPath, CancellationToken cancellationToken)
    {
        var after = Regex.Match(await GetPageAsync(storyPath, cancellationToken), "data-after=\"(\\d+)\"");
        return after.Success ? int.Parse(after.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new BenchException($"The story page {storyPath} has no live section with data-after.");
    }

    public void Dispose() => _http.Dispose();

    private async Task<string> GetPageAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchException($"GET {path} answered {(int)response.StatusCode}.");
        }

        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private Task<HttpResponseMessage> PostAsync(Form form, KeyValuePair<string, string>[] fields, CancellationToken cancellationToken) =>
        _http.PostAsync(form.Action, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", form.Token)]), cancellationToken);

    private static void EnsureRedirect(HttpResponseMessage response, string what)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new BenchException($"{what} answered {(int)response.StatusCode} instead of a redirect.");
        }
    }

    /// <summary>The page's forms: where each posts (its own page when it has no action) and its antiforgery token.</summary>
    private static List<Form> Forms(string page, string html) =>
        [.. FormElement().Matches(html).Select(m => new Form(
            m.Groups["action"].Success ? WebUtility.HtmlDecode(m.Groups["action"].Value) : page,
            WebUtility.HtmlDecode(TokenInput().Match(m.Value).Groups[1].Value)))];

    internal sealed record Form(string Action, string Token);

    [GeneratedRegex("""<form(?:[^>]*\baction="(?<action>[^"]*)")?[^>]*>.*?</form>""", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]*)\"")]
    private static partial Regex TokenInput();

    [GeneratedRegex("""(?<=href=")/newsroom/articles/(\d+)(?=")""")]
    private static partial Regex ArticleLink();
}
