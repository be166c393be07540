using System.Globalization;
using System.Text.Json;
using Masthead.Core;
using Masthead.Core.Articles;
using Masthead.Core.ContentApi;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.ContentApi.Admin;

/// <summary>
/// Adding, editing and deleting posts through the Admin API, with the key's actor, through the services the newsroom
/// uses: the same permissions, revisions, audit entries and change events. A status in the post takes the matching
/// workflow step (published: publish; scheduled: schedule for published_at; draft: unpublish).
/// </summary>
internal static class AdminPostWrites
{
    private const string Note = "Saved through the Admin API";

    public static async Task AddAsync(HttpContext context, [FromServices] ArticleService articles, [FromServices] PublishingService publishing,
        [FromServices] AdminPostInput reader, [FromServices] ContentPostQueries queries, [FromServices] PublicationService publications)
    {
        var cancel = context.RequestAborted;
        var actor = AdminApiEndpoints.ActorOf(context);
        var post = await ItemAsync(context, "posts");
        var publication = await publications.GetAsync(cancel);
        var input = await reader.ReadAsync(post, Html(context), null, PublicAddress.BaseUrl(context.Request, publication), actor, cancel);
        var id = await articles.CreateAsync(actor, input, Note, cancel);
        await StepAsync(publishing, actor, id, ArticleStatus.Draft, post, cancel);
        await AnswerAsync(context, queries, publication, id, StatusCodes.Status201Created);
    }

    /// <summary>Ghost's collision check first (see <see cref="CheckNotStale"/>), then the edit.</summary>
    public static async Task EditAsync(HttpContext context, string id, [FromServices] ArticleService articles, [FromServices] PublishingService publishing,
        [FromServices] ArticleEditorQueries editor, [FromServices] AdminPostInput reader, [FromServices] ContentPostQueries queries,
        [FromServices] PublicationService publications)
    {
        var cancel = context.RequestAborted;
        var actor = AdminApiEndpoints.ActorOf(context);
        var articleId = AdminApiEndpoints.Number(id) ?? throw new NotFoundException($"There is no post {id}.");
        var post = await ItemAsync(context, "posts");
        var current = await editor.GetAsync(articleId, cancel);
        CheckNotStale(post, current.PublishedAt is { } published && published > current.LastModifiedAt ? published : current.LastModifiedAt, "post");
        var publication = await publications.GetAsync(cancel);
        var input = await reader.ReadAsync(post, Html(context), current, PublicAddress.BaseUrl(context.Request, publication), actor, cancel);
        await articles.UpdateAsync(actor, articleId, input, current.Version, Note, cancel);
        await StepAsync(publishing, actor, articleId, current.Status, post, cancel);
        await AnswerAsync(context, queries, publication, articleId, StatusCodes.Status200OK);
    }

    public static async Task DeleteAsync(HttpContext context, string id, [FromServices] ArticleService articles)
    {
        var articleId = AdminApiEndpoints.Number(id) ?? throw new NotFoundException($"There is no post {id}.");
        await articles.DeleteAsync(AdminApiEndpoints.ActorOf(context), articleId, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>
    /// Ghost's collision check: the item's updated_at must be the one the API last gave, else someone saved since and the
    /// edit is a 409. The API writes times to the second, and compares them so.
    /// </summary>
    internal static void CheckNotStale(JsonElement item, DateTime updatedAt, string kind)
    {
        if (AdminPostInput.Text(item, "updated_at") is not { } given
            || !DateTimeOffset.TryParse(given, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent)
            || ToSecond(sent.UtcDateTime) != ToSecond(updatedAt))
        {
            throw new WorkflowException($"The {kind} was changed since it was read: read it again, and send its updated_at with the edit.");
        }

        static DateTime ToSecond(DateTime utc) => utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
    }

    internal static bool Html(HttpContext context) => context.Request.Query["source"] == "html";

    /// <summary>The one item of a body such as <c>{"posts": [{...}]}</c>.</summary>
    internal static async Task<JsonElement> ItemAsync(HttpContext context, string resource)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return body.RootElement.TryGetProperty(resource, out var items) && items.ValueKind == JsonValueKind.Array && items.GetArrayLength() == 1
                && items[0].ValueKind == JsonValueKind.Object
                ? items[0].Clone()
                : throw ValidationException.For(resource, $"Send {{\"{resource}\": [{{...}}]}} with one item.");
        }
        catch (JsonException error)
        {
            throw ValidationException.For(resource, $"The body is not JSON: {error.Message}");
        }
    }

    private static async Task StepAsync(PublishingService publishing, Actor actor, int id, ArticleStatus was, JsonElement post, CancellationToken cancel)
    {
        var publishedAt = AdminPostInput.Text(post, "published_at") is { } at
            && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) ? when.UtcDateTime : (DateTime?)null;
        switch (AdminPostInput.Text(post, "status"))
        {
            case "published" when was != ArticleStatus.Published:
                await publishing.PublishAsync(actor, id, was == ArticleStatus.Unpublished ? null : publishedAt, cancel);
                break;
            case "scheduled" when was != ArticleStatus.Scheduled:
                await publishing.ScheduleAsync(actor, id, publishedAt ?? throw ValidationException.For("published_at", "A scheduled post needs published_at."), cancel);
                break;
            case "draft" when was == ArticleStatus.Published:
                await publishing.UnpublishAsync(actor, id, cancel);
                break;
            case "draft" when was == ArticleStatus.Scheduled:
                await publishing.UnscheduleAsync(actor, id, cancel);
                break;
        }
    }

    private static async Task AnswerAsync(HttpContext context, ContentPostQueries queries, PublicationInfo publication, int id, int status)
    {
        var resource = AdminApiEndpoints.PostResource;
        var output = AdminApiEndpoints.AdminOutput(context, resource, browse: false, publication);
        var post = await queries.ReadAsync(id, output.Request, context.RequestAborted) ?? throw new NotFoundException($"There is no post {id}.");
        await AdminApiEndpoints.WriteAsync(context, status, json => resource.WriteOne(json, post, output));
    }
}
