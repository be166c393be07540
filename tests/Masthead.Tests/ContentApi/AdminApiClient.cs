using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Masthead.Core.ContentApi;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ContentApi;

/// <summary>Calls a test server's Admin API with tokens signed as Ghost's client signs them, or as an attacker might.</summary>
internal sealed class AdminApiClient(MastheadServer server, string key)
{
    public const string Root = "/ghost/api/admin/";

    public string Key => key;
    public string Id => key.Split(':')[0];
    public string Secret => key.Split(':')[1];

    public static async Task<AdminApiClient> WithNewKeyAsync(MastheadServer server, NewsroomRole role, string name = "Admin tests") =>
        new(server, (await server.InScopeAsync(s => s.GetRequiredService<ContentApiKeyService>().CreateAdminAsync(Actor.System, name, role))).Secret);

    /// <summary>A token as Ghost's Admin API client makes one: HS256, kid the key's id, aud /admin/, five minutes.</summary>
    public string Token(DateTimeOffset? issued = null, TimeSpan? lifetime = null, string audience = "/admin/", string algorithm = "HS256", string? kid = null,
        string? secret = null)
    {
        var iat = (issued ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = algorithm, kid = kid ?? Id, typ = "JWT" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { iat, exp = iat + (long)(lifetime ?? TimeSpan.FromMinutes(5)).TotalSeconds, aud = audience }));
        var signature = algorithm == "none" ? "" : Base64Url(HMACSHA256.HashData(Convert.FromHexString(secret ?? Secret), Encoding.ASCII.GetBytes(header + "." + payload)));
        return $"{header}.{payload}.{signature}";
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, Root + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Ghost", token ?? Token());
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var response = await server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
