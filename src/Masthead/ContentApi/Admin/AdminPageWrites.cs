using Masthead.Core;
using Masthead.Core.ContentApi;
using Masthead.Core.Pages;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.ContentApi.Admin;

/// <summary>
/// Adding, editing and deleting pages through the Admin API with the key's actor, through the service the newsroom's
/// page editor uses: administrators only, audited, every node told. Masthead's pages have no drafts, so a page is
/// public once saved: a status other than published is refused rather than published against the tool's intent.
/// </summary>
internal static class AdminPageWrites
{
    public static async Task AddAsync(HttpContext context, [FromServices] StaticPageService pages, [FromServices] ContentPageQueries queries,
        [FromServices] PublicationService publications)
    {
        var page = await AdminPostWrites.ItemAsync(context, "pages");
        var id = await pages.SaveAsync(AdminApiEndpoints.ActorOf(context), null, Input(page, AdminPostWrites.Html(context), null), context.RequestAborted);
        await AnswerAsync(context, queries, publications, id, StatusCodes.Status201Created);
    }

    public static async Task EditAsync(HttpContext context, string id, [FromServices] StaticPageService pages, [FromServices] ContentPageQueries queries,
        [FromServices] PublicationService publications)
    {
        var pageId = ContentApiEndpoints.PageNumber(id) ?? throw new NotFoundException($"There is no page {id}.");
        var page = await AdminPostWrites.ItemAsync(context, "pages");
        var current = await pages.GetAsync(pageId, context.RequestAborted) ?? throw new NotFoundException($"There is no page {id}.");
        AdminPostWrites.CheckNotStale(page, current.UpdatedAt, "page");
        await pages.SaveAsync(AdminApiEndpoints.ActorOf(context), pageId, Input(page, AdminPostWrites.Html(context), current), context.RequestAborted);
        await AnswerAsync(context, queries, publications, pageId, StatusCodes.Status200OK);
    }

    public static async Task DeleteAsync(HttpContext context, string id, [FromServices] StaticPageService pages)
    {
        var pageId = ContentApiEndpoints.PageNumber(id) ?? throw new NotFoundException($"There is no page {id}.");
        await pages.DeleteAsync(AdminApiEndpoints.ActorOf(context), pageId, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>Title, slug and html (with source=html); what the page leaves out keeps its current value.</summary>
    private static StaticPageInput Input(System.Text.Json.JsonElement page, bool html, StaticPageView? current)
    {
        if (AdminPostInput.Text(page, "status") is { } status and not "published")
        {
            throw ValidationException.For("status", $"Masthead's pages have no drafts: a saved page is public. Send status published, or none, instead of {status}.");
        }

        return new StaticPageInput(
            AdminPostInput.Text(page, "title") ?? current?.Title ?? "(Untitled)",
            AdminPostInput.Text(page, "slug") ?? current?.Slug,
            AdminPostInput.Body(page, html) ?? current?.BodyMarkdown ?? "",
            current?.Role ?? StaticPageRole.None);
    }

    private static async Task AnswerAsync(HttpContext context, ContentPageQueries queries, PublicationService publications, int id, int status)
    {
        var publication = await publications.GetAsync(context.RequestAborted);
        var resource = AdminApiEndpoints.PageResource;
        var output = AdminApiEndpoints.AdminOutput(context, resource, browse: false, publication);
        var page = await queries.ReadAsync(id, output.Request, context.RequestAborted) ?? throw new NotFoundException($"There is no page {id}.");
        await AdminApiEndpoints.WriteAsync(context, status, json => resource.WriteOne(json, page, output));
    }
}
