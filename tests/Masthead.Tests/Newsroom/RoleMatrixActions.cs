using Masthead.Core.Articles;
using Masthead.Core.Banner;
using Masthead.Core.Contact;
using Masthead.Core.Live;
using Masthead.Core.People;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Newsroom;

/// <summary>
/// One newsroom action: the least role the README's role table gives it, how to make a fresh target, the request,
/// and what the database must then hold. <see cref="Status"/> is the answer when it is allowed: 302 for a form post
/// that worked, 200 for a page.
/// </summary>
internal sealed record MatrixAction(
    string Name,
    NewsroomRole AllowedFrom,
    Func<MatrixContext, Task<MatrixTarget>> Prepare,
    Func<MatrixContext, MatrixTarget, MatrixRequest> Request,
    Func<MatrixContext, MatrixTarget, Task> Done,
    int Status = 302);

/// <summary>
/// The whole newsroom, action by action. "Their own" is an article the acting person wrote and is bylined on;
/// "a colleague's" is one another staff member wrote and is bylined on.
/// </summary>
internal static class RoleMatrixActions
{
    private const NewsroomRole Anyone = NewsroomRole.Contributor;
    private const NewsroomRole Reporter = NewsroomRole.Reporter;
    private const NewsroomRole Editor = NewsroomRole.Editor;
    private const NewsroomRole Administrator = NewsroomRole.Administrator;

    private const string Edited = "Edited through the role matrix.";

    private static readonly int ScheduleYear = DateTime.UtcNow.Year + 2;

    public static readonly IReadOnlyList<MatrixAction> All =
    [
        // The desk.
        Page("open the dashboard", Anyone, "/newsroom"),
        Page("list every article", Anyone, "/newsroom/articles"),

        // Reading: every signed-in person may open any article, its revisions and its live desk.
        Page("open the new-article form", Anyone, "/newsroom/articles/new"),
        Page("open a colleague's draft in the editor", Anyone, c => c.ArticleAsync(c.Colleague, ArticleStatus.Draft), t => $"/newsroom/articles/{t.Id}"),
        Page("compare revisions of a colleague's draft", Anyone, c => c.ArticleAsync(c.Colleague, ArticleStatus.Draft, revisions: 2),
            t => $"/newsroom/articles/{t.Id}/revisions?from=1&to=2"),
        Page("see who else has a colleague's draft open", Anyone, c => c.ArticleAsync(c.Colleague, ArticleStatus.Draft), t => $"/newsroom/articles/{t.Id}/presence"),
        Page("open the live desk of a colleague's story", Anyone, c => c.ArticleAsync(c.Colleague, ArticleStatus.Published, live: true), t => $"/newsroom/live/{t.Id}"),
        Page("open their password page", Anyone, "/newsroom/account/password"),
        Page("open their own profile", Anyone, c => Task.FromResult(new MatrixTarget(c.Me.Id)), t => $"/newsroom/staff/{t.Id}"),
        // Their name stays, so the other cases still know them; the other fields are not posted and so are emptied.
        new("edit their own profile", Anyone,
            c => Task.FromResult(new MatrixTarget(c.Me.Id)),
            (c, t) => Post($"/newsroom/staff/{t.Id}", ("Form.Name", c.Me.Name), ("Form.JobTitle", c.Marker)),
            async (c, t) => Assert.Equal(c.Marker, await c.DbAsync(db => db.Staff.Where(s => s.Id == t.Id).Select(s => s.JobTitle).SingleAsync()))),

        // Email: everyone chooses their own notifications and asks to change their own sign-in address.
        new("choose their own email notifications", Anyone,
            c => Task.FromResult(new MatrixTarget(c.Me.Id)),
            (_, t) => Post($"/newsroom/staff/{t.Id}?handler=Notifications", ("on", "SentBack")),
            async (c, t) => Assert.Contains(Core.Mail.Notification.ScheduledOrPublished,
                await c.DbAsync(db => db.NotificationOptOuts.Where(o => o.StaffMemberId == t.Id).Select(o => o.Notification).ToListAsync()))),
        Page("open the page that changes their sign-in address", Anyone, "/newsroom/account/email"),

        // Sessions: everyone signs out their own other browsers; only administrators anyone else's.
        new("sign out one of their own other sessions", Anyone,
            c => c.SessionAsync(c.Me.Id),
            (c, t) => Post($"/newsroom/staff/{c.Me.Id}?handler=EndSession", ("session", $"{t.Id}")),
            SessionEndedAsync),
        new("sign out everywhere else", Anyone,
            c => c.SessionAsync(c.Me.Id),
            (c, _) => Post($"/newsroom/staff/{c.Me.Id}?handler=EndOtherSessions"),
            SessionEndedAsync),
        new("sign out a colleague's session", Administrator,
            c => c.SessionAsync(c.Colleague.Id),
            (c, t) => Post($"/newsroom/staff/{c.Me.Id}?handler=EndSession", ("session", $"{t.Id}")),
            SessionEndedAsync),

        // Writing.
        new("write a new article", Anyone,
            _ => Task.FromResult(new MatrixTarget()),
            (c, _) => NewArticle(c),
            async (c, _) =>
            {
                var article = await c.DbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Headline == c.Marker));
                Assert.Equal((ArticleStatus.Draft, c.Me.Id), (article.Status, article.CreatedById));
            }),
        new("create a tag while writing an article", Editor,
            _ => Task.FromResult(new MatrixTarget()),
            (c, _) => NewArticle(c, ("Form.NewTags", c.Marker + " tag")),
            async (c, _) =>
            {
                var tagged = await c.DbAsync(db => db.Articles.Where(a => a.Headline == c.Marker)
                    .SelectMany(a => a.Tags).Join(db.Tags, at => at.TagId, t => t.Id, (_, t) => t.Name).ToListAsync());
                Assert.Equal([c.Marker + " tag"], tagged);
            }),
        EditArticle("edit their own draft", Anyone, c => c.ArticleAsync(c.Me, ArticleStatus.Draft)),
        EditArticle("edit a colleague's draft", Editor, c => c.ArticleAsync(c.Colleague, ArticleStatus.Draft)),
        EditArticle("edit their own article in review", Anyone, c => c.ArticleAsync(c.Me, ArticleStatus.InReview)),
        EditArticle("edit a colleague's article in review", Editor, c => c.ArticleAsync(c.Colleague, ArticleStatus.InReview)),
        EditArticle("edit their own scheduled article", Reporter, c => c.ArticleAsync(c.Me, ArticleStatus.Scheduled)),
        EditArticle("edit a colleague's scheduled article", Editor, c => c.ArticleAsync(c.Colleague, ArticleStatus.Scheduled)),
        EditArticle("edit their own published article", Reporter, c => c.ArticleAsync(c.Me, ArticleStatus.Published)),
        EditArticle("edit a colleague's published article", Editor, c => c.ArticleAsync(c.Colleague, ArticleStatus.Published)),
        EditArticle("edit their own unpublished article", Editor, c => c.ArticleAsync(c.Me, ArticleStatus.Unpublished)),
        KeepAutosave("keep an autosave of their own draft", Anyone, c => c.Me),
        KeepAutosave("keep an autosave of a colleague's draft", Editor, c => c.Colleague),
        KeepAutosave("keep an autosave of their own published article", Reporter, c => c.Me, ArticleStatus.Published),
        new("keep an autosave of a new article", Anyone,
            _ => Task.FromResult(new MatrixTarget()),
            (c, _) => Post("/newsroom/articles/new?handler=Autosave", ("Form.Headline", c.Marker), ("Form.BodyMarkdown", Edited), ("Form.AuthorIds", $"{c.Me.Id}")),
            async (c, _) => Assert.Contains(c.Marker,
                await c.DbAsync(db => db.Autosaves.Where(a => a.StaffMemberId == c.Me.Id && a.ArticleId == null).Select(a => a.Fields).SingleAsync())),
            Status: 200),
        new("discard their autosave of an article", Anyone,
            async c => await c.AutosaveAsync(await c.ArticleAsync(c.Me, ArticleStatus.Draft)),
            (_, t) => Post($"/newsroom/articles/{t.Id}?handler=DiscardAutosave"),
            async (c, t) => Assert.False(await c.DbAsync(db => db.Autosaves.AnyAsync(a => a.StaffMemberId == c.Me.Id && a.ArticleId == t.Id)))),
        new("discard their autosave of a new article", Anyone,
            c => c.AutosaveAsync(null),
            (_, _) => Post("/newsroom/articles/new?handler=DiscardAutosave"),
            async (c, _) => Assert.False(await c.DbAsync(db => db.Autosaves.AnyAsync(a => a.StaffMemberId == c.Me.Id && a.ArticleId == null)))),
        EditArticle("add an HTML block to their own draft", Editor, c => c.ArticleAsync(c.Me, ArticleStatus.Draft), WithHtmlBlock),
        Restore("restore a revision of their own draft", Anyone, c => c.Me),
        Restore("restore a revision of a colleague's draft", Editor, c => c.Colleague),
        Page("ask to restore a revision of their own published article", Reporter, c => c.ArticleAsync(c.Me, ArticleStatus.Published, revisions: 2),
            t => $"/newsroom/articles/{t.Id}/revisions/1/restore"),
        Page("ask to restore a revision of a colleague's published article", Editor, c => c.ArticleAsync(c.Colleague, ArticleStatus.Published, revisions: 2),
            t => $"/newsroom/articles/{t.Id}/revisions/1/restore"),
        Restore("restore a revision of their own published article", Reporter, c => c.Me, ArticleStatus.Published),
        Restore("restore a revision of a colleague's published article", Editor, c => c.Colleague, ArticleStatus.Published),

        // The workflow.
        Step("submit their own draft for review", Anyone, c => c.ArticleAsync(c.Me, ArticleStatus.Draft), "Submit", [],
            a => Assert.Equal(ArticleStatus.InReview, a.Status)),
        Step("submit a colleague's draft for review", Editor, c => c.ArticleAsync(c.Colleague, ArticleStatus.Draft), "Submit", [],
            a => Assert.Equal(ArticleStatus.InReview, a.Status)),
        Step("send a colleague's article back from review", Editor, c => c.ArticleAsync(c.Colleague, ArticleStatus.InReview), "SendBack",
            [("comment", "Name the second source, please.")],
            a => Assert.Equal((ArticleStatus.Draft, "Name the second source, please."), (a.Status, a.ReviewComment))),
        Step("publish their own draft", Reporter, c => c.ArticleAsync(c.Me, ArticleStatus.Draft), "Publish", [],
            a => Assert.Equal(ArticleStatus.Published, a.Status)),
        Step("publish a colleague's article from review", Editor, c => c.ArticleAsync(c.Colleague, ArticleStatus.InReview), "Publish", [],
            a => Assert.Equal(ArticleStatus.Published, a.Status)),
        Step("schedule their own draft", Reporter, c => c.ArticleAsync(c.Me, ArticleStatus.Draft), "Schedule", [("publishAt", $"{ScheduleYear}-03-04T09:30")],
            // 9:30 in Chicago, on standard time (UTC-6) until the second Sunday of March.
            a => Assert.Equal((ArticleStatus.Scheduled, new DateTime(ScheduleYear, 3, 4, 15, 30, 0, DateTimeKind.Utc)), (a.Status, a.ScheduledFor))),
        Step("schedule a colleague's draft", Editor, c => c.ArticleAsync(c.Colleague, ArticleStatus.Draft), "Schedule", [("publishAt", $"{ScheduleYear}-03-04T09:30")],
            a => Assert.Equal(ArticleStatus.Scheduled, a.Status)),
        Step("unschedule their own article", Reporter, c => c.ArticleAsync(c.Me, ArticleStatus.Scheduled), "Unschedule", [],
            a => Assert.Equal((ArticleStatus.Draft, (DateTime?)null), (a.Status, a.ScheduledFor))),
        Step("unschedule a colleague's article", Editor, c => c.ArticleAsync(c.Colleague, ArticleStatus.Scheduled), "Unschedule", [],
            a => Assert.Equal(ArticleStatus.Draft, a.Status)),
        Step("unpublish their own article", Editor, c => c.ArticleAsync(c.Me, ArticleStatus.Published), "Unpublish", [],
            a => Assert.Equal(ArticleStatus.Unpublished, a.Status)),
        Step("unpublish a colleague's article", Editor, c => c.ArticleAsync(c.Colleague, ArticleStatus.Published), "Unpublish", [],
            a => Assert.Equal(ArticleStatus.Unpublished, a.Status)),
        Step("republish their own article", Editor, c => c.ArticleAsync(c.Me, ArticleStatus.Unpublished), "Republish", [],
            a => Assert.Equal(ArticleStatus.Published, a.Status)),
        Step("republish a colleague's article", Editor, c => c.ArticleAsync(c.Colleague, ArticleStatus.Unpublished), "Republish", [],
            a => Assert.Equal(ArticleStatus.Published, a.Status)),
        // Editorial notes: the article's writers and the editors.
        new("write an editorial note on their own draft", Anyone,
            c => c.ArticleAsync(c.Me, ArticleStatus.Draft),
            (c, t) => Post($"/newsroom/articles/{t.Id}?handler=Note", ("text", c.Marker)),
            async (c, t) => Assert.True(await c.DbAsync(db => db.EditorialNotes.AnyAsync(n => n.Text == c.Marker && n.AuthorId == c.Me.Id)))),
        new("write an editorial note on a colleague's draft", Editor,
            c => c.ArticleAsync(c.Colleague, ArticleStatus.Draft),
            (c, t) => Post($"/newsroom/articles/{t.Id}?handler=Note", ("text", c.Marker)),
            async (c, t) => Assert.True(await c.DbAsync(db => db.EditorialNotes.AnyAsync(n => n.Text == c.Marker && n.AuthorId == c.Me.Id)))),
        new("answer an editorial note on their own draft", Anyone,
            c => c.ThreadAsync(c.Me),
            (c, t) => Post($"/newsroom/articles/{t.Id}?handler=Reply", ("thread", $"{t.ThreadId}"), ("text", c.Marker)),
            async (c, t) => Assert.True(await c.DbAsync(db => db.EditorialNotes.AnyAsync(n => n.ThreadId == t.ThreadId && n.Text == c.Marker)))),
        new("answer an editorial note on a colleague's draft", Editor,
            c => c.ThreadAsync(c.Colleague),
            (c, t) => Post($"/newsroom/articles/{t.Id}?handler=Reply", ("thread", $"{t.ThreadId}"), ("text", c.Marker)),
            async (c, t) => Assert.True(await c.DbAsync(db => db.EditorialNotes.AnyAsync(n => n.ThreadId == t.ThreadId && n.Text == c.Marker)))),
        new("resolve an editorial note on their own draft", Anyone,
            c => c.ThreadAsync(c.Me),
            (_, t) => Post($"/newsroom/articles/{t.Id}?handler=Resolve", ("thread", $"{t.ThreadId}")),
            async (c, t) => Assert.NotNull(await c.DbAsync(db => db.EditorialThreads.Where(x => x.Id == t.ThreadId).Select(x => x.ResolvedAt).SingleAsync()))),
        new("resolve an editorial note on a colleague's draft", Editor,
            c => c.ThreadAsync(c.Colleague),
            (_, t) => Post($"/newsroom/articles/{t.Id}?handler=Resolve", ("thread", $"{t.ThreadId}")),
            async (c, t) => Assert.NotNull(await c.DbAsync(db => db.EditorialThreads.Where(x => x.Id == t.ThreadId).Select(x => x.ResolvedAt).SingleAsync()))),
        new("reopen an editorial note on their own draft", Anyone,
            c => c.ThreadAsync(c.Me, resolved: true),
            (_, t) => Post($"/newsroom/articles/{t.Id}?handler=Reopen", ("thread", $"{t.ThreadId}")),
            async (c, t) => Assert.Null(await c.DbAsync(db => db.EditorialThreads.Where(x => x.Id == t.ThreadId).Select(x => x.ResolvedAt).SingleAsync()))),
        new("reopen an editorial note on a colleague's draft", Editor,
            c => c.ThreadAsync(c.Colleague, resolved: true),
            (_, t) => Post($"/newsroom/articles/{t.Id}?handler=Reopen", ("thread", $"{t.ThreadId}")),
            async (c, t) => Assert.Null(await c.DbAsync(db => db.EditorialThreads.Where(x => x.Id == t.ThreadId).Select(x => x.ResolvedAt).SingleAsync()))),
        AddCorrection("add a correction to their own article", c => c.Me),
        AddCorrection("add a correction to a colleague's article", c => c.Colleague),

        // The live desk.
        new("start live coverage of their own story", Reporter,
            c => c.ArticleAsync(c.Me, ArticleStatus.Published),
            (_, t) => Post($"/newsroom/live/{t.Id}?handler=Start"),
            async (c, t) => Assert.Equal(CoverageStatus.Live, (await c.ArticleAsync(t.Id)).Coverage)),
        new("start live coverage of a colleague's story", Editor,
            c => c.ArticleAsync(c.Colleague, ArticleStatus.Published),
            (_, t) => Post($"/newsroom/live/{t.Id}?handler=Start"),
            async (c, t) => Assert.Equal(CoverageStatus.Live, (await c.ArticleAsync(t.Id)).Coverage)),
        PostLive("post to their own live story", Reporter, c => c.Me),
        PostLive("post to a colleague's live story", Editor, c => c.Colleague),
        Live("edit an update on their live story", "Edit", t => [("update", $"{t.UpdateId}"), ("Title", ""), ("Body", Edited), ("IsKey", "false")],
            async (c, t) => Assert.Equal(Edited, await c.DbAsync(db => db.LiveUpdates.Where(u => u.Id == t.UpdateId).Select(u => u.BodyMarkdown).SingleAsync()))),
        Live("mark a key update on their live story", "Key", t => [("update", $"{t.UpdateId}"), ("key", "true")],
            async (c, t) => Assert.True(await c.DbAsync(db => db.LiveUpdates.Where(u => u.Id == t.UpdateId).Select(u => u.IsKey).SingleAsync()))),
        Live("pin an update on their live story", "Pin", t => [("update", $"{t.UpdateId}")],
            async (c, t) => Assert.Equal(t.UpdateId, (await c.ArticleAsync(t.Id)).PinnedUpdateId)),
        Live("delete an update on their live story", "Delete", t => [("update", $"{t.UpdateId}")],
            async (c, t) => Assert.NotNull(await c.DbAsync(db => db.LiveUpdates.Where(u => u.Id == t.UpdateId).Select(u => u.DeletedAt).SingleAsync()))),
        Live("end coverage of their live story", "End", _ => [],
            async (c, t) => Assert.Equal(CoverageStatus.Ended, (await c.ArticleAsync(t.Id)).Coverage)),
        Live("lay out the page of their live story", "Layout", _ => [("oldestFirst", "true"), ("textFirst", "true")],
            async (c, t) => Assert.Equal((true, true), ((await c.ArticleAsync(t.Id)).LiveOldestFirst, (await c.ArticleAsync(t.Id)).LiveTextFirst))),

        // Sections and tags.
        Page("open sections and tags", Editor, "/newsroom/sections"),
        Page("open a section's settings", Editor, c => c.SectionAsync(), t => $"/newsroom/sections/{t.Id}"),
        Page("open a tag's settings", Editor, c => c.TagAsync(), t => $"/newsroom/tags/{t.Id}"),
        new("create a section", Editor,
            _ => Task.FromResult(new MatrixTarget()),
            (c, _) => Post("/newsroom/sections?handler=Section", ("NewSection.Name", c.Marker), ("NewSection.Slug", ""), ("NewSection.Description", "")),
            async (c, _) => Assert.True(await c.DbAsync(db => db.Sections.AnyAsync(s => s.Name == c.Marker)))),
        new("rename a section", Editor,
            c => c.SectionAsync(),
            (c, t) => Post($"/newsroom/sections/{t.Id}?handler=Save", ("Form.Name", c.Marker + " renamed"), ("Form.Slug", c.MarkerSlug + "-renamed"), ("Form.Description", "")),
            async (c, t) => Assert.Equal(c.Marker + " renamed", await c.DbAsync(db => db.Sections.Where(s => s.Id == t.Id).Select(s => s.Name).SingleAsync()))),
        new("delete a section", Editor,
            c => c.SectionAsync(),
            (_, t) => Post($"/newsroom/sections/{t.Id}?handler=Delete", ("confirm", "true")),
            async (c, t) => Assert.False(await c.DbAsync(db => db.Sections.AnyAsync(s => s.Id == t.Id)))),
        new("create a tag", Editor,
            _ => Task.FromResult(new MatrixTarget()),
            (c, _) => Post("/newsroom/sections?handler=Tag", ("NewTag.Name", c.Marker), ("NewTag.Slug", "")),
            async (c, _) => Assert.True(await c.DbAsync(db => db.Tags.AnyAsync(s => s.Name == c.Marker)))),
        new("rename a tag", Editor,
            c => c.TagAsync(),
            (c, t) => Post($"/newsroom/tags/{t.Id}?handler=Save", ("Form.Name", c.Marker + " renamed"), ("Form.Slug", c.MarkerSlug + "-renamed"), ("Form.Description", "")),
            async (c, t) => Assert.Equal(c.Marker + " renamed", await c.DbAsync(db => db.Tags.Where(s => s.Id == t.Id).Select(s => s.Name).SingleAsync()))),
        new("delete a tag", Editor,
            c => c.TagAsync(),
            (_, t) => Post($"/newsroom/tags/{t.Id}?handler=Delete", ("confirm", "true")),
            async (c, t) => Assert.False(await c.DbAsync(db => db.Tags.AnyAsync(s => s.Id == t.Id)))),

        // The front page and the menus.
        Page("open the front-page editor", Editor, "/newsroom/front-page"),
        new("choose the front page's lead", Editor,
            c => c.ArticleAsync(c.Colleague, ArticleStatus.Published),
            (_, t) => Post("/newsroom/front-page", ("Form.Slots[0].ArticleId", $"{t.Id}"), ("intent", "save")),
            async (c, t) =>
            {
                Assert.Equal([t.Id], await c.DbAsync(db => db.FrontPageSlots.Where(s => s.Position == 0).Select(s => s.ArticleId).ToListAsync()));
                Assert.True((await c.ArticleAsync(t.Id)).Featured);
            }),
        Page("open the menus", Editor, "/newsroom/navigation"),
        new("arrange the menus", Editor,
            _ => Task.FromResult(new MatrixTarget()),
            (c, _) => Post("/newsroom/navigation",
                ("Form.Header.Items[0].Target", "link"), ("Form.Header.Items[0].Url", "/"), ("Form.Header.Items[0].Label", c.Marker),
                ("Form.Footer.Items[0].Target", "link"), ("Form.Footer.Items[0].Url", "/contact"), ("Form.Footer.Items[0].Label", "Contact"),
                ("intent", "save")),
            async (c, _) => Assert.True(await c.DbAsync(db => db.MenuItems.AnyAsync(i => i.Label == c.Marker)))),
        // The site banner: editors, on every reader's page.
        Page("open the site banner", Editor, "/newsroom/banner"),
        new("raise the site banner", Editor,
            _ => Task.FromResult(new MatrixTarget()),
            (c, _) => Post("/newsroom/banner?handler=Raise", ("Label", "BREAKING"), ("Text", c.Marker), ("ArticleId", ""), ("ExpiresInMinutes", "0")),
            async (c, _) => Assert.True(await c.DbAsync(db => db.SiteBanners.AnyAsync(b => b.Text == c.Marker && b.LoweredAt == null)))),
        new("lower the site banner", Editor,
            c => c.DbAsync(async db =>
            {
                var banner = new SiteBanner { Label = "BREAKING", Text = c.Marker, RaisedAt = DateTime.UtcNow };
                db.SiteBanners.Add(banner);
                await db.SaveChangesAsync();
                return new MatrixTarget(banner.Id);
            }),
            (_, _) => Post("/newsroom/banner?handler=Lower"),
            async (c, t) => Assert.NotNull(await c.DbAsync(db => db.SiteBanners.Where(b => b.Id == t.Id).Select(b => b.LoweredAt).SingleAsync()))),
        new("raise a colleague's live story's LIVE banner", Editor,
            c => c.ArticleAsync(c.Colleague, ArticleStatus.Published, live: true),
            (_, t) => Post($"/newsroom/live/{t.Id}?handler=Banner"),
            async (c, t) => Assert.True(await c.DbAsync(db => db.SiteBanners.AnyAsync(b => b.ArticleId == t.Id && b.LoweredAt == null)))),

        // Newsletters: editors send; administrators manage the readers themselves.
        Page("open the newsletters and their sending history", Editor, "/newsroom/newsletters"),
        Page("open the briefing composer", Editor, "/newsroom/newsletters/1/compose"),
        Page("open a newsletter's settings", Editor, "/newsroom/newsletters/settings/2"),
        new("change a newsletter's settings", Editor,
            _ => Task.FromResult(new MatrixTarget()),
            (c, _) => Post("/newsroom/newsletters/settings/2", ("Name", c.Marker), ("Description", ""), ("Schedule", "None"), ("SendHour", "7"), ("SendDay", "Monday"),
                ("IsActive", "true")),
            async (c, _) => Assert.True(await c.DbAsync(db => db.Newsletters.AnyAsync(n => n.Name == c.Marker)))),
        new("send a briefing", Editor,
            c => c.ArticleAsync(c.Colleague, ArticleStatus.Published),
            (c, t) => Post("/newsroom/newsletters/1/compose?handler=Send", ("Subject", c.Marker), ("Intro", ""), ("Articles", $"{t.Id}"), ("FormKey", Guid.NewGuid().ToString())),
            async (c, _) => Assert.True(await c.DbAsync(db => db.NewsletterSends.AnyAsync(s => s.Subject == c.Marker)))),
        Page("open the alert form for a colleague's published article", Editor, c => c.ArticleAsync(c.Colleague, ArticleStatus.Published), t => $"/newsroom/alerts?article={t.Id}"),
        new("send a breaking-news alert about a colleague's published article", Editor,
            c => c.ArticleAsync(c.Colleague, ArticleStatus.Published),
            (c, t) => Post($"/newsroom/alerts?article={t.Id}", ("Subject", c.Marker)),
            async (c, _) => Assert.True(await c.DbAsync(db => db.NewsletterSends.AnyAsync(s => s.Subject == c.Marker)))),
        Page("open the subscribers", Administrator, "/newsroom/subscribers"),
        new("export the subscribers", Administrator,
            _ => Task.FromResult(new MatrixTarget()),
            (_, _) => Post("/newsroom/subscribers?handler=Export"),
            async (c, _) => Assert.True(await c.DbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "subscribers-exported" && a.ActorName == c.Me.Name))),
            Status: 200),
        new("import subscribers", Administrator,
            _ => Task.FromResult(new MatrixTarget()),
            (c, _) => new MatrixRequest("/newsroom/subscribers?handler=Import",
                new() { ["Consent"] = "They signed up on paper at the fair.", ["Newsletters"] = "1" },
                new MatrixFile("Csv", "readers.csv", "text/csv",
                    System.Text.Encoding.UTF8.GetBytes($"email,name\n{c.Marker.ToLowerInvariant().Replace(' ', '-')}@example.org,{c.Marker}\n"))),
            async (c, _) => Assert.True(await c.DbAsync(db => db.Subscribers.AnyAsync(s => s.Name == c.Marker))),
            Status: 200),
        new("remove a subscriber", Administrator,
            c => c.DbAsync(async db =>
            {
                var email = $"{Guid.NewGuid():N}@example.org";
                var subscriber = new Core.Newsletters.Subscriber
                {
                    Email = email, NormalizedEmail = email, LinkKey = Core.Newsletters.SubscriberLinks.NewKey(), CreatedAt = DateTime.UtcNow,
                };
                db.Subscribers.Add(subscriber);
                await db.SaveChangesAsync();
                return new MatrixTarget(subscriber.Id);
            }),
            (_, t) => Post($"/newsroom/subscribers?handler=Remove&subscriber={t.Id}"),
            async (c, t) => Assert.False(await c.DbAsync(db => db.Subscribers.AnyAsync(s => s.Id == t.Id)))),

        // The inbox.
        Page("open the inbox", Editor, "/newsroom/inbox"),
        Page("read a reader's message", Editor, c => c.MessageAsync(), t => $"/newsroom/inbox/{t.Id}"),
        new("mark a reader's message handled", Editor,
            c => c.MessageAsync(),
            (_, t) => Post($"/newsroom/inbox/{t.Id}", ("status", "Handled")),
            async (c, t) => Assert.Equal(ContactMessageStatus.Handled, await c.DbAsync(db => db.ContactMessages.Where(m => m.Id == t.Id).Select(m => m.Status).SingleAsync()))),

        // Staff.
        Page("open the staff list", Administrator, "/newsroom/staff"),
        new("invite a new staff member", Administrator,
            _ => Task.FromResult(new MatrixTarget()),
            (c, _) => Post("/newsroom/staff?handler=Invite", ("Invite.Name", c.Marker), ("Invite.Email", $"{c.MarkerSlug}@example.org"), ("Invite.JobTitle", ""),
                ("Invite.Role", "Reporter")),
            async (c, _) => Assert.True(await c.DbAsync(db => db.Users.AnyAsync(u => u.Email == $"{c.MarkerSlug}@example.org" && u.StaffMember!.Name == c.Marker)))),
        Page("open a colleague's profile", Administrator, c => Task.FromResult(new MatrixTarget(c.Colleague.Id)), t => $"/newsroom/staff/{t.Id}"),
        new("edit a colleague's profile", Administrator,
            c => c.StaffMemberAsync(),
            (c, t) => Post($"/newsroom/staff/{t.Id}", ("Form.Name", c.Marker + " renamed"), ("Form.JobTitle", "Night Editor"), ("Form.Bio", ""),
                ("Form.PhotoUrl", ""), ("Form.PublicEmail", "")),
            async (c, t) => Assert.Equal(c.Marker + " renamed", await c.DbAsync(db => db.Staff.Where(s => s.Id == t.Id).Select(s => s.Name).SingleAsync()))),
        new("change a staff member's role", Administrator,
            c => c.StaffMemberAsync(),
            (_, t) => Post("/newsroom/staff?handler=Role", ("id", $"{t.Id}"), ("role", "Editor")),
            async (c, t) => Assert.Equal(NewsroomRole.Editor, await c.DbAsync(db => db.Staff.Where(s => s.Id == t.Id).Select(s => s.Role).SingleAsync()))),
        new("deactivate a staff member", Administrator,
            c => c.StaffMemberAsync(),
            (_, t) => Post("/newsroom/staff?handler=Active", ("id", $"{t.Id}"), ("active", "false")),
            async (c, t) => Assert.False(await c.DbAsync(db => db.Staff.Where(s => s.Id == t.Id).Select(s => s.IsActive).SingleAsync()))),
        new("reactivate a staff member", Administrator,
            c => c.StaffMemberAsync(active: false),
            (_, t) => Post("/newsroom/staff?handler=Active", ("id", $"{t.Id}"), ("active", "true")),
            async (c, t) => Assert.True(await c.DbAsync(db => db.Staff.Where(s => s.Id == t.Id).Select(s => s.IsActive).SingleAsync()))),
        new("sign a staff member out everywhere", Administrator,
            async c => await c.SessionAsync((await c.StaffMemberAsync()).Id),
            (_, t) => Post("/newsroom/staff?handler=EndSessions", ("id", $"{t.OwnerId}")),
            SessionEndedAsync),
        new("issue a set-password link", Administrator,
            c => c.StaffMemberAsync(),
            (_, t) => Post("/newsroom/staff?handler=Link", ("id", $"{t.Id}")),
            // The link is not stored: it is shown once, on the page the post redirects to.
            async (c, _) =>
            {
                var staff = await c.Session.Client.GetDocumentAsync("/newsroom/staff");
                Assert.Equal($"Set-password link for {c.Marker}", staff.QuerySelector("#link-heading")?.TextContent);
                Assert.Contains("/newsroom/set-password?account=", staff.QuerySelector(".set-password-link")!.GetAttribute("value"));
            }),

        // Settings, standing pages and the audit log.
        Page("open the settings", Administrator, "/newsroom/settings"),
        new("change the publication's settings", Administrator,
            _ => Task.FromResult(new MatrixTarget()),
            (c, _) => Post("/newsroom/settings",
                ("Form.Name", "The Larkmoor Lantern"), ("Form.Tagline", c.Marker), ("Form.ContactPrompt", "Let's talk:"),
                ("Form.ContactEmail", "editor@larkmoorlantern.example"), ("Form.Description", "An independent newsroom."), ("Form.BaseUrl", ""),
                ("Form.Language", "en-US"), ("Form.TimeZone", "America/Chicago"), ("Form.LogoUrl", "/demo/logo.svg"), ("Form.NotesPosition", "Top")),
            async (c, _) => Assert.Equal(c.Marker, await c.DbAsync(db => db.Publication.Select(p => p.Tagline).SingleAsync()))),
        Page("open the email settings and the outbox", Administrator, "/newsroom/settings/email"),
        new("change the mail server settings", Administrator,
            _ => Task.FromResult(new MatrixTarget()),
            (c, _) => Post("/newsroom/settings/email",
                ("Form.Host", ""), ("Form.Security", "StartTls"), ("Form.FromAddress", $"{c.MarkerSlug}@example.org"), ("Form.FromName", c.Marker)),
            async (c, _) => Assert.Equal(c.Marker, await c.DbAsync(db => db.MailSettings.Select(s => s.FromName).SingleAsync()))),
        // With no mail server set, the test message is written to the mail folder; the answer is shown after the redirect.
        new("send a test email", Administrator,
            _ => Task.FromResult(new MatrixTarget()),
            (c, _) => Post("/newsroom/settings/email?handler=Test", ("TestTo", $"{c.MarkerSlug}@example.org")),
            (_, _) => Task.CompletedTask),
        new("try the waiting messages again now", Administrator,
            _ => Task.FromResult(new MatrixTarget()),
            (_, _) => Post("/newsroom/settings/email?handler=Retry"),
            (_, _) => Task.CompletedTask),
        new("send a failed message again", Administrator,
            c => c.FailedMailAsync(),
            (_, t) => Post("/newsroom/settings/email?handler=SendAgain", ("id", $"{t.Id}")),
            async (c, t) => Assert.NotEqual(Core.Mail.OutgoingMailState.Failed, await c.DbAsync(db => db.Outbox.Where(m => m.Id == t.Id).Select(m => m.State).SingleAsync()))),
        Page("open the standing pages", Administrator, "/newsroom/pages"),
        Page("open the form for a new standing page", Administrator, "/newsroom/pages/new"),
        Page("open a standing page in the editor", Administrator, c => c.StaticPageAsync(), t => $"/newsroom/pages/{t.Id}"),
        new("create a standing page", Administrator,
            _ => Task.FromResult(new MatrixTarget()),
            (c, _) => Post("/newsroom/pages/new", ("Title", c.Marker), ("Slug", ""), ("BodyMarkdown", "Standing text."), ("Role", "None")),
            async (c, _) => Assert.True(await c.DbAsync(db => db.StaticPages.AnyAsync(p => p.Title == c.Marker && p.Slug == c.MarkerSlug)))),
        new("edit a standing page", Administrator,
            c => c.StaticPageAsync(),
            (c, t) => Post($"/newsroom/pages/{t.Id}", ("Title", c.Marker + " revised"), ("Slug", t.Slug), ("BodyMarkdown", Edited), ("Role", "None")),
            async (c, t) =>
            {
                var page = await c.DbAsync(db => db.StaticPages.Where(p => p.Id == t.Id).Select(p => new { p.Title, p.BodyMarkdown }).SingleAsync());
                Assert.Equal((c.Marker + " revised", Edited), (page.Title, page.BodyMarkdown));
            }),
        Page("read the audit log", Administrator, "/newsroom/audit"),

        // The media library: everyone who writes uploads and describes their own files; editors change anyone's.
        Page("open the media library", Anyone, "/newsroom/media"),
        Page("open a colleague's upload", Anyone, c => c.MediaAsync(c.Colleague), t => $"/newsroom/media/{t.Id}"),
        new("upload a photo", Anyone,
            _ => Task.FromResult(new MatrixTarget()),
            (c, _) => Upload("/newsroom/media", "Upload.File", ("Upload.Alt", c.Marker)),
            async (c, _) => Assert.True(await c.DbAsync(db => db.MediaItems.AnyAsync(m => m.Alt == c.Marker)))),
        DescribeMedia("describe their own upload", Anyone, c => c.MediaAsync(c.Me)),
        DescribeMedia("describe a colleague's upload", Editor, c => c.MediaAsync(c.Colleague)),
        new("replace a colleague's upload", Editor,
            c => c.MediaAsync(c.Colleague),
            (c, t) => Upload($"/newsroom/media/{t.Id}?handler=Replace", "Details.File", ("Details.Alt", c.Marker)),
            async (c, t) => Assert.NotEqual(t.Slug, await c.DbAsync(db => db.MediaItems.Where(m => m.Id == t.Id).Select(m => m.ContentHash).SingleAsync()))),
        DeleteMedia("delete their own unused upload", Anyone, c => c.MediaAsync(c.Me)),
        DeleteMedia("delete a colleague's upload", Editor, c => c.MediaAsync(c.Colleague)),

        // Content API keys.
        Page("open the Import page", Administrator, "/newsroom/import"),
        new("import an archive (a dry run)", Administrator,
            _ => Task.FromResult(new MatrixTarget()),
            (_, _) => new MatrixRequest("/newsroom/import", new() { ["Source"] = "wordpress", ["DryRun"] = "true" },
                new MatrixFile("file", "export.xml", "text/xml", System.Text.Encoding.UTF8.GetBytes(Import.WxrFiles.Header + Import.WxrFiles.Footer))),
            (_, _) => Task.CompletedTask),
        Page("open the Content API keys", Administrator, "/newsroom/api-keys"),
        new("create a Content API key", Administrator,
            _ => Task.FromResult(new MatrixTarget()),
            (c, _) => Post("/newsroom/api-keys?handler=Create", ("Name", c.Marker)),
            async (c, _) => Assert.True(await c.DbAsync(db => db.ContentApiKeys.AnyAsync(k => k.Name == c.Marker && k.RevokedAt == null)))),
        new("revoke a Content API key", Administrator,
            c => c.ContentApiKeyAsync(),
            (_, t) => Post("/newsroom/api-keys?handler=Revoke", ("id", $"{t.Id}")),
            async (c, t) => Assert.NotNull(await c.DbAsync(db => db.ContentApiKeys.Where(k => k.Id == t.Id).Select(k => k.RevokedAt).SingleAsync()))),
    ];

    public static MatrixAction Named(string name) => All.Single(a => a.Name == name);

    private static MatrixRequest Post(string path, params (string Name, string Value)[] fields) =>
        new(path, fields.ToDictionary(f => f.Name, f => f.Value));

    /// <summary>A multipart post with a new photo in <paramref name="fileField"/>, as the upload forms send it.</summary>
    private static MatrixRequest Upload(string path, string fileField, params (string Name, string Value)[] fields) =>
        new(path, fields.ToDictionary(f => f.Name, f => f.Value), new MatrixFile(fileField, "matrix-new.png", "image/png", Media.TestImages.Png(300, 180)));

    private static MatrixAction DescribeMedia(string name, NewsroomRole allowedFrom, Func<MatrixContext, Task<MatrixTarget>> prepare) =>
        new(name, allowedFrom, prepare,
            (c, t) => Post($"/newsroom/media/{t.Id}?handler=Details", ("Details.Alt", c.Marker)),
            async (c, t) => Assert.Equal(c.Marker, await c.DbAsync(db => db.MediaItems.Where(m => m.Id == t.Id).Select(m => m.Alt).SingleAsync())));

    private static MatrixAction DeleteMedia(string name, NewsroomRole allowedFrom, Func<MatrixContext, Task<MatrixTarget>> prepare) =>
        new(name, allowedFrom, prepare,
            (_, t) => Post($"/newsroom/media/{t.Id}?handler=Delete"),
            async (c, t) => Assert.False(await c.DbAsync(db => db.MediaItems.AnyAsync(m => m.Id == t.Id))));

    /// <summary>Opening a page: 200 for those who may, and reading changes nothing.</summary>
    private static MatrixAction Page(string name, NewsroomRole allowedFrom, string path) =>
        Page(name, allowedFrom, _ => Task.FromResult(new MatrixTarget()), _ => path);

    private static MatrixAction Page(string name, NewsroomRole allowedFrom, Func<MatrixContext, Task<MatrixTarget>> prepare, Func<MatrixTarget, string> path) =>
        new(name, allowedFrom, prepare, (_, t) => new MatrixRequest(path(t)), (_, _) => Task.CompletedTask, Status: 200);

    private static MatrixRequest NewArticle(MatrixContext c, params (string Name, string Value)[] more) =>
        Post("/newsroom/articles/new", [("Form.Headline", c.Marker), ("Form.BodyMarkdown", "A first paragraph."), ("Form.AuthorIds", $"{c.Me.Id}"), ("intent", "save"), .. more]);

    /// <summary>A body with an editor's HTML block (a graphic's frame), which only editors and administrators may add.</summary>
    private const string WithHtmlBlock = "A chart follows.\n\n::: html\n<iframe title=\"Turnout\" src=\"https://datawrapper.dwcdn.net/aBc12/1/\"></iframe>\n:::";

    /// <summary>Saves the editor form over the current version with a new body, as the editor page posts it.</summary>
    private static MatrixAction EditArticle(string name, NewsroomRole allowedFrom, Func<MatrixContext, Task<MatrixTarget>> prepare, string body = Edited) =>
        new(name, allowedFrom, prepare,
            (c, t) => Post($"/newsroom/articles/{t.Id}",
                ("Form.Headline", c.Marker), ("Form.Slug", t.Slug), ("Form.BodyMarkdown", body),
                ("Form.AuthorIds", $"{t.OwnerId}"), ("Form.Version", $"{t.Version}"), ("intent", "save")),
            async (c, t) =>
            {
                var article = await c.ArticleAsync(t.Id);
                Assert.Equal((body, t.Version + 1), (article.BodyMarkdown, article.Version));
            });

    /// <summary>Posts the editor's form to ?handler=Autosave, as the editor's script does: kept as the person's own autosave, never saved.</summary>
    private static MatrixAction KeepAutosave(string name, NewsroomRole allowedFrom, Func<MatrixContext, MatrixPerson> owner, ArticleStatus state = ArticleStatus.Draft) =>
        new(name, allowedFrom,
            c => c.ArticleAsync(owner(c), state),
            (c, t) => Post($"/newsroom/articles/{t.Id}?handler=Autosave",
                ("Form.Headline", c.Marker), ("Form.Slug", t.Slug), ("Form.BodyMarkdown", Edited), ("Form.AuthorIds", $"{t.OwnerId}"), ("Form.Version", $"{t.Version}")),
            async (c, t) =>
            {
                Assert.Contains(Edited, await c.DbAsync(db => db.Autosaves.Where(a => a.StaffMemberId == c.Me.Id && a.ArticleId == t.Id).Select(a => a.Fields).SingleAsync()));
                Assert.Equal("Revision 1.", (await c.ArticleAsync(t.Id)).BodyMarkdown);
            },
            Status: 200);

    /// <summary>Restores revision 1 of an article saved twice: its text comes back as a third revision.</summary>
    /// <remarks>A published article's restore is confirmed, as the page that asks first sends it.</remarks>
    private static MatrixAction Restore(string name, NewsroomRole allowedFrom, Func<MatrixContext, MatrixPerson> owner, ArticleStatus state = ArticleStatus.Draft) =>
        new(name, allowedFrom,
            c => c.ArticleAsync(owner(c), state, revisions: 2),
            (_, t) => Post($"/newsroom/articles/{t.Id}?handler=Restore", ("number", "1"), ("version", $"{t.Version}"), ("confirmed", "true")),
            async (c, t) =>
            {
                Assert.Equal("Revision 1.", (await c.ArticleAsync(t.Id)).BodyMarkdown);
                Assert.Equal(["Revision 1.", "Revision 2.", "Revision 1."], await c.Server.RevisionBodiesAsync(t.Id));
            });

    /// <summary>
    /// One of the editor's workflow buttons, which sends the article's form to its handler: the step is taken and
    /// the form's new body saved with it.
    /// </summary>
    private static MatrixAction Step(string name, NewsroomRole allowedFrom, Func<MatrixContext, Task<MatrixTarget>> prepare, string handler,
        (string Name, string Value)[] fields, Action<Article> done) =>
        new(name, allowedFrom, prepare,
            (c, t) => Post($"/newsroom/articles/{t.Id}?handler={handler}",
                [
                    ("Form.Headline", c.Marker), ("Form.Slug", t.Slug), ("Form.BodyMarkdown", Edited), ("Form.AuthorIds", $"{t.OwnerId}"),
                    ("Form.Version", $"{t.Version}"), .. fields,
                ]),
            async (c, t) =>
            {
                var article = await c.ArticleAsync(t.Id);
                done(article);
                Assert.Equal(Edited, article.BodyMarkdown);
            });

    private static MatrixAction AddCorrection(string name, Func<MatrixContext, MatrixPerson> owner) =>
        new(name, Editor,
            c => c.ArticleAsync(owner(c), ArticleStatus.Published),
            (c, t) => Post($"/newsroom/articles/{t.Id}?handler=AddNote", ("kind", "Correction"), ("text", c.Marker)),
            async (c, t) => Assert.Equal([c.Marker], await c.DbAsync(db => db.ArticleNotes.Where(n => n.ArticleId == t.Id).Select(n => n.Text).ToListAsync())));

    private static MatrixAction PostLive(string name, NewsroomRole allowedFrom, Func<MatrixContext, MatrixPerson> owner) =>
        new(name, allowedFrom,
            c => c.ArticleAsync(owner(c), ArticleStatus.Published, live: true),
            (c, t) => Post($"/newsroom/live/{t.Id}?handler=Update", ("Title", ""), ("Body", c.Marker), ("IsKey", "false")),
            async (c, t) => Assert.True(await c.DbAsync(db => db.LiveUpdates.AnyAsync(u => u.ArticleId == t.Id && u.BodyMarkdown == c.Marker && u.AuthorId == c.Me.Id))));

    /// <summary>A live-desk action on a running story the acting person is bylined on: bylined reporters and editors may.</summary>
    private static MatrixAction Live(string name, string handler, Func<MatrixTarget, (string Name, string Value)[]> fields, Func<MatrixContext, MatrixTarget, Task> done) =>
        new(name, Reporter,
            c => c.ArticleAsync(c.Me, ArticleStatus.Published, live: true),
            (_, t) => Post($"/newsroom/live/{t.Id}?handler={handler}", fields(t)),
            done);

    private static async Task SessionEndedAsync(MatrixContext c, MatrixTarget session) =>
        Assert.NotNull(await c.DbAsync(db => db.StaffSessions.Where(s => s.Id == session.Id).Select(s => s.EndedAt).SingleAsync()));
}
