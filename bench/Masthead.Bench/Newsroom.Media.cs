using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Masthead.Bench;

public sealed partial class Newsroom
{
    private string? _mediaToken;

    /// <summary>Uploads a file through the newsroom's media API as the screens do; returns the item's JSON.</summary>
    public async Task<JsonElement> UploadMediaAsync(string fileName, byte[] content, CancellationToken cancellationToken)
    {
        _mediaToken ??= WebUtility.HtmlDecode(TokenInput().Match(await GetPageAsync("/newsroom", cancellationToken)).Groups[1].Value);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", fileName);
        form.Add(new StringContent("A generated photograph"), "alt");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/newsroom/api/media") { Content = form };
        request.Headers.Add("RequestVerificationToken", _mediaToken);
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new BenchException($"Uploading {fileName} answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
