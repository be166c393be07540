using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Masthead.Testing;

/// <summary>
/// A staff member's browser without the browser: keeps cookies, reads forms from pages (antiforgery token
/// included) and posts them as a person would. Never follows redirects, so tests see them.
/// </summary>
public sealed class NewsroomClient : IDisposable
{
    private readonly HttpClient _http;

    public NewsroomClient(MastheadServer server)
        : this(server.BaseAddress)
    {
    }

    /// <param name="baseAddress">A Masthead anywhere: in this process, in another, or behind a proxy.</param>
    public NewsroomClient(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies }) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }
    public HttpClient Http => _http;

    public static Task<NewsroomClient> SignInAsync(MastheadServer server, (string Email, string Password) login) =>
        SignInAsync(server.BaseAddress, login);

    public static async Task<NewsroomClient> SignInAsync(Uri baseAddress, (string Email, string Password) login)
    {
        var client = new NewsroomClient(baseAddress);
        using var response = await client.SubmitAsync("/newsroom/sign-in", "form", new() { ["Email"] = login.Email, ["Password"] = login.Password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {login.Email} answered {(int)response.StatusCode}.");
        }

        return client;
    }

    public async Task<IDocument> GetDocumentAsync(string path, int expectedStatus = 200)
    {
        using var response = await _http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != expectedStatus)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}, not {expectedStatus}.");
        }

        return await MastheadServer.ParseAsync(html);
    }

    /// <summary>Opens <paramref name="path"/>, fills the form matched by <paramref name="formSelector"/> and submits it.</summary>
    /// <param name="button">The name=value of the submit button to press, when the form has several.</param>
    public async Task<HttpResponseMessage> SubmitAsync(string path, string formSelector, Dictionary<string, string> values, string? button = null)
    {
        var page = await GetDocumentAsync(path);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"{path} has no form matching {formSelector}.");
        return await SubmitAsync(form, values, button, path);
    }

    public Task<HttpResponseMessage> SubmitAsync(IHtmlFormElement form, Dictionary<string, string> values, string? button = null, string? pagePath = null)
    {
        var fields = FormFields.Read(form);
        foreach (var (name, value) in values)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        if (button is not null)
        {
            var separator = button.IndexOf('=', StringComparison.Ordinal);
            fields.Add(new(button[..separator], button[(separator + 1)..]));
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pagePath ?? throw new InvalidOperationException("The form has no action.") : action;
        return _http.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Posts fields straight to <paramref name="path"/> with the antiforgery token from <paramref name="tokenPage"/>: what a forged or scripted request looks like.
    /// </summary>
    public async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> values, string tokenPage = "/newsroom")
    {
        var page = await GetDocumentAsync(tokenPage);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{tokenPage} has no antiforgery token.");
        var fields = values.ToList();
        fields.Add(new("__RequestVerificationToken", token));
        return await _http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public void Dispose() => _http.Dispose();
}
