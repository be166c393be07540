using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Masthead.Testing;

namespace Masthead.Tests.Media;

/// <summary>A signed-in staff member calling the media library's JSON API, as the newsroom's screens do.</summary>
internal sealed class MediaClient : IDisposable
{
    public const string Api = "/newsroom/api/media";

    private readonly NewsroomClient _newsroom;
    private string? _token;

    private MediaClient(NewsroomClient newsroom) => _newsroom = newsroom;

    public HttpClient Http => _newsroom.Http;

    public static async Task<MediaClient> SignInAsync(MastheadServer server, (string Email, string Password) login) =>
        new(await NewsroomClient.SignInAsync(server, login));

    /// <summary>The antiforgery token a newsroom page carries, which every change sends back.</summary>
    public async Task<string> TokenAsync()
    {
        if (_token is null)
        {
            var page = await _newsroom.GetDocumentAsync("/newsroom");
            _token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                ?? throw new InvalidOperationException("The newsroom page has no antiforgery token.");
        }

        return _token;
    }

    public async Task<HttpResponseMessage> UploadAsync(string fileName, byte[] content, string? claimedType = "image/jpeg", Dictionary<string, string>? fields = null,
        string path = Api, bool withToken = true)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        if (claimedType is not null)
        {
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(claimedType);
        }

        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        if (withToken)
        {
            request.Headers.Add("RequestVerificationToken", await TokenAsync());
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Uploads and expects 201; returns the item's JSON.</summary>
    public async Task<JsonElement> UploadItemAsync(string fileName, byte[] content, Dictionary<string, string>? fields = null)
    {
        using var response = await UploadAsync(fileName, content, fields: fields);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Uploading {fileName} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("RequestVerificationToken", await TokenAsync());
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return await Http.SendAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public void Dispose() => _newsroom.Dispose();
}
