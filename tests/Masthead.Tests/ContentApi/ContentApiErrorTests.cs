using System.Net;
using Masthead.Core.ContentApi;
using Masthead.Core.Publishing;
using Masthead.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.ContentApi;

/// <summary>Every refusal, in Ghost's error form: keys, unsupported parameters, malformed ones, and what does not exist.</summary>
public sealed class ContentApiErrorTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private MastheadServer Server => site.Server;

    [Fact]
    public async Task Without_a_key_the_answer_is_403_as_Ghost_words_it()
    {
        using var response = await Server.Client.GetAsync("/ghost/api/content/posts/");
        var error = ContentApiClient.Error(System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("NoPermissionError", error.GetProperty("type").GetString());
        Assert.Equal("Authorization failed", error.GetProperty("message").GetString());
        Assert.StartsWith("Unable to determine the authenticated member or integration.", error.GetProperty("context").GetString());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [InlineData("ffffffffffffffffffffffffff")]
    [InlineData("not-a-key")]
    public async Task An_unknown_key_is_401(string key)
    {
        var api = new ContentApiClient(Server, key);

        var error = await api.ErrorAsync("posts/", HttpStatusCode.Unauthorized);

        Assert.Equal("UnauthorizedError", error.GetProperty("type").GetString());
        Assert.Equal("Unknown Content API Key", error.GetProperty("message").GetString());
        Assert.Equal("UNKNOWN_CONTENT_API_KEY", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once_even_for_cached_answers()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server, "Soon revoked");
        await api.GetAsync("posts/?limit=2");
        await api.GetAsync("posts/?limit=2");

        await Server.InScopeAsync(s => s.GetRequiredService<ContentApiKeyService>().RevokeAsync(Actor.System, api.Key));

        var error = await api.ErrorAsync("posts/?limit=2", HttpStatusCode.Unauthorized);
        Assert.Equal("Unknown Content API Key", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_key_given_twice_is_refused()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        var error = await api.ErrorAsync($"posts/?key={api.Key}", HttpStatusCode.BadRequest);

        Assert.Equal("BadRequestError", error.GetProperty("type").GetString());
        Assert.Equal("INVALID_REQUEST", error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("posts/?filter=colour:blue", "The filter property 'colour' is not supported on posts")]
    [InlineData("posts/?filter=tag:", "Error parsing filter: Query Error: unexpected end of filter at char 5")]
    [InlineData("posts/?filter=tag:news%2B", "Error parsing filter")]
    [InlineData("posts/?filter=(tag:news", "Error parsing filter")]
    [InlineData("posts/?filter=title:%3Eabc", "The filter property 'title' does not support the greater-than or less-than comparison")]
    [InlineData("posts/?filter=featured:maybe", "The filter property 'featured' takes true or false")]
    [InlineData("posts/?filter=published_at:%3Eyesterday", "The filter property 'published_at' takes a date")]
    [InlineData("posts/?filter=tag:null", "The filter property 'tag' cannot be compared with null")]
    [InlineData("posts/?order=popularity%20desc", "posts cannot be ordered by 'popularity'")]
    [InlineData("posts/?order=title%20sideways", "The order 'title sideways' is not understood")]
    [InlineData("authors/?filter=bio:x", "The filter property 'bio' is not supported on authors")]
    [InlineData("tags/?order=colour", "tags cannot be ordered by 'colour'")]
    [InlineData("pages/?filter=tag:~news", "The filter property 'tag' does not support the ~ text-matching comparison")]
    public async Task An_unsupported_or_malformed_parameter_is_a_400_saying_what_and_why(string path, string context)
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        var error = await api.ErrorAsync(path, HttpStatusCode.BadRequest);

        var resource = path[..path.IndexOf('/')];
        Assert.Equal("BadRequestError", error.GetProperty("type").GetString());
        Assert.Equal($"Request not understood error, cannot list {resource}.", error.GetProperty("message").GetString());
        Assert.StartsWith(context, error.GetProperty("context").GetString());
    }

    [Theory]
    [InlineData("posts/?limit=ten", "limit")]
    [InlineData("posts/?limit=0", "limit")]
    [InlineData("posts/?limit=-5", "limit")]
    [InlineData("tags/?page=0", "page")]
    [InlineData("authors/?page=two", "page")]
    public async Task A_limit_or_page_that_is_not_a_whole_number_is_a_422_as_in_Ghost(string path, string parameter)
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        var error = await api.ErrorAsync(path, HttpStatusCode.UnprocessableEntity);

        Assert.Equal("ValidationError", error.GetProperty("type").GetString());
        Assert.StartsWith($"Validation (matches) failed for {parameter}", error.GetProperty("context").GetString());
    }

    [Theory]
    [InlineData("posts/999999/", "post", "Post not found.")]
    [InlineData("posts/not-a-number/", "post", "Post not found.")]
    [InlineData("posts/slug/no-such-story/", "post", "Post not found.")]
    [InlineData("pages/slug/no-such-page/", "page", "Page not found.")]
    [InlineData("pages/999999/", "page", "Page not found.")]
    [InlineData("authors/slug/nobody/", "author", "Author not found.")]
    [InlineData("authors/999999/", "author", "Author not found.")]
    [InlineData("tags/slug/nothing/", "tag", "Tag not found.")]
    [InlineData("tags/section-999/", "tag", "Tag not found.")]
    public async Task What_does_not_exist_is_a_404_in_Ghosts_words(string path, string singular, string context)
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        var error = await api.ErrorAsync(path, HttpStatusCode.NotFound);

        Assert.Equal("NotFoundError", error.GetProperty("type").GetString());
        Assert.Equal($"Resource not found error, cannot read {singular}.", error.GetProperty("message").GetString());
        Assert.Equal(context, error.GetProperty("context").GetString());
    }

    [Fact]
    public async Task A_resource_Masthead_does_not_have_is_a_404()
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        var error = await api.ErrorAsync("offers/abc/", HttpStatusCode.NotFound);

        Assert.Equal("Resource not found", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("posts/?filter=published_at:>now-9999y")]
    [InlineData("posts/?filter=published_at:>now-2147483648h")]
    [InlineData("posts/?filter=published_at:>now-1000000000d")]
    [InlineData("posts/?filter=published_at:>now-99999999999999999999d")]
    [InlineData("posts/?filter=updated_at:>now-300000M")]
    [InlineData("pages/?filter=updated_at:>now-2000000000w")]
    public async Task A_relative_date_beyond_the_calendar_is_a_400_not_a_500(string path)
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        var error = await api.ErrorAsync(path, HttpStatusCode.BadRequest);

        Assert.Equal("BadRequestError", error.GetProperty("type").GetString());
        Assert.Contains("takes a date between the years 1 and 9999", error.GetProperty("context").GetString());
    }

    [Theory]
    [InlineData("posts", "limit=100&page=2147483647")]
    [InlineData("posts", "limit=4&page=1073741825")]
    [InlineData("pages", "limit=all&page=2147483647")]
    [InlineData("tags", "limit=2&page=2147483647")]
    [InlineData("authors", "limit=100&page=2147483647")]
    public async Task A_page_far_past_the_end_is_empty_not_the_first_page_again(string resource, string query)
    {
        var api = await ContentApiClient.WithNewKeyAsync(Server);

        var answer = await api.GetAsync($"{resource}/?{query}");

        Assert.Empty(answer.GetProperty(resource).EnumerateArray());
        var pagination = answer.GetProperty("meta").GetProperty("pagination");
        Assert.Equal(int.Parse(query[(query.LastIndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture), pagination.GetProperty("page").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, pagination.GetProperty("next").ValueKind);
    }
}
