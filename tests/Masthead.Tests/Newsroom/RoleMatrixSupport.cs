using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Masthead.Core.Articles;
using Masthead.Core.Autosaves;
using Masthead.Core.Contact;
using Masthead.Core.ContentApi;
using Masthead.Core.EditorialNotes;
using Masthead.Core.Live;
using Masthead.Core.Media;
using Masthead.Core.Pages;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Sections;
using Masthead.Core.SignIn;
using Masthead.Core.Storage;
using Masthead.Core.Tags;
using Masthead.Newsroom;
using Masthead.Testing;
using Microsoft.AspNetCore.Razor.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Newsroom;

/// <summary>A demo staff member as the matrix sees them.</summary>
public sealed record MatrixPerson(int Id, string Name, NewsroomRole Role)
{
    public Actor Actor => new(Id, Role, Name);
}

/// <summary>
/// What one row of the matrix sends: a GET when <paramref name="Form"/> is null, otherwise a form post; with
/// <paramref name="File"/>, a multipart post carrying that file as a browser's file input sends it.
/// </summary>
internal sealed record MatrixRequest(string Path, Dictionary<string, string>? Form = null, MatrixFile? File = null);

/// <summary>A file posted in the form field <paramref name="Field"/>.</summary>
internal sealed record MatrixFile(string Field, string FileName, string ContentType, byte[] Content);

/// <summary>The fresh thing a case acts on: an article (with its version and slug), a live update, a section...</summary>
internal sealed record MatrixTarget(int Id = 0)
{
    public int Version { get; init; }
    public string Slug { get; init; } = "";
    public int OwnerId { get; init; }
    public int UpdateId { get; init; }
    public int ThreadId { get; init; }
}

/// <summary>A signed-in staff member, their antiforgery token, and the colleague whose work they act on.</summary>
public sealed class RoleSession(NewsroomClient client, string token, MatrixPerson me, MatrixPerson colleague)
{
    public NewsroomClient Client => client;
    public MatrixPerson Me => me;
    public MatrixPerson Colleague => colleague;

    internal async Task<HttpResponseMessage> SendAsync(MatrixRequest request)
    {
        if (request.Form is null)
        {
            return await client.Http.GetAsync(request.Path);
        }

        var fields = request.Form.ToList();
        fields.Add(new("__RequestVerificationToken", token));
        if (request.File is not { } file)
        {
            return await client.Http.PostAsync(request.Path, new FormUrlEncodedContent(fields));
        }

        using var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            multipart.Add(new StringContent(value), name);
        }

        var content = new ByteArrayContent(file.Content);
        content.Headers.ContentType = new(file.ContentType);
        multipart.Add(content, file.Field, file.FileName);
        return await client.Http.PostAsync(request.Path, multipart);
    }
}

/// <summary>
/// One signed-in client per role for the whole class: each role signs in once and reads its antiforgery token
/// once, from the dashboard, as a scripted request would.
/// </summary>
public sealed class RoleMatrixSessions : IAsyncDisposable
{
    private static readonly Dictionary<NewsroomRole, ((string Email, string Password) Login, string Slug)> Demo = new()
    {
        [NewsroomRole.Administrator] = (DemoLogins.Administrator, "delphine-marrow"),
        [NewsroomRole.Editor] = (DemoLogins.Editor, "anaya-kessler"),
        [NewsroomRole.Reporter] = (DemoLogins.Reporter, "tobias-wren"),
        [NewsroomRole.Contributor] = (DemoLogins.Contributor, "ravi-holmgren"),
    };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<NewsroomRole, RoleSession> _sessions = [];

    public async Task<RoleSession> ForAsync(MastheadServer server, NewsroomRole role)
    {
        await _gate.WaitAsync();
        try
        {
            if (_sessions.TryGetValue(role, out var session))
            {
                return session;
            }

            var me = await PersonAsync(server, Demo[role].Slug);
            // Someone else's work: the contributor's, or the reporter's when the contributor is the one acting.
            var colleague = await PersonAsync(server, Demo[role == NewsroomRole.Contributor ? NewsroomRole.Reporter : NewsroomRole.Contributor].Slug);
            var client = await NewsroomClient.SignInAsync(server, Demo[role].Login);
            var dashboard = await client.GetDocumentAsync("/newsroom");
            var token = dashboard.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                ?? throw new InvalidOperationException("The dashboard has no antiforgery token.");
            return _sessions[role] = new RoleSession(client, token, me, colleague);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static Task<MatrixPerson> PersonAsync(MastheadServer server, string slug) => server.InScopeAsync(services =>
        services.GetRequiredService<MastheadDb>().Staff.AsNoTracking().Where(s => s.Slug == slug)
            .Select(s => new MatrixPerson(s.Id, s.Name, s.Role)).SingleAsync());

    public ValueTask DisposeAsync()
    {
        foreach (var session in _sessions.Values)
        {
            session.Client.Dispose();
        }

        _gate.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// One case of the matrix: the server, who acts, and the set-up steps that make a fresh target through the Core
/// services (as <see cref="Actor.System"/>, or as the owner when creating their article), so cases never share one.
/// </summary>
internal sealed class MatrixContext(MastheadServer server, RoleSession session)
{
    public MastheadServer Server => server;
    public RoleSession Session => session;
    public MatrixPerson Me => session.Me;
    public MatrixPerson Colleague => session.Colleague;

    /// <summary>A name no other case uses, for headlines, sections, tags, pages and people.</summary>
    public string Marker { get; } = "Matrix " + Guid.NewGuid().ToString("N")[..12];

    public string MarkerSlug => Core.Text.Slugs.Slugify(Marker);

    public Task<T> DbAsync<T>(Func<MastheadDb, Task<T>> read) =>
        server.InScopeAsync(services => read(services.GetRequiredService<MastheadDb>()));

    public Task<Article> ArticleAsync(int id) => server.StoredAsync(id);

    /// <summary>An article created by <paramref name="owner"/> and bylined to them, brought to <paramref name="state"/>.</summary>
    /// <param name="revisions">How many saves it has (each a revision; the body of revision n is "Revision n.").</param>
    /// <param name="live">Published, with live coverage started and one update posted.</param>
    public Task<MatrixTarget> ArticleAsync(MatrixPerson owner, ArticleStatus state, int revisions = 1, bool live = false) => server.InScopeAsync(async services =>
    {
        var articles = services.GetRequiredService<ArticleService>();
        var publishing = services.GetRequiredService<PublishingService>();
        var input = new ArticleInput { Headline = Marker, BodyMarkdown = "Revision 1.", AuthorIds = [owner.Id] };
        var id = await articles.CreateAsync(owner.Actor, input);
        for (var n = 2; n <= revisions; n++)
        {
            await articles.UpdateAsync(Actor.System, id, input with { BodyMarkdown = $"Revision {n}." }, expectedVersion: n - 1);
        }

        await publishing.BringToAsync(id, state);

        var updateId = 0;
        if (live)
        {
            var coverage = services.GetRequiredService<LiveService>();
            await coverage.StartAsync(Actor.System, id);
            updateId = await coverage.PostAsync(Actor.System, id, new LiveUpdateInput("From the scene", "Crews are on site."));
        }

        var stored = await services.GetRequiredService<MastheadDb>().Articles.AsNoTracking().SingleAsync(a => a.Id == id);
        return new MatrixTarget(id) { Version = stored.Version, Slug = stored.Slug, OwnerId = owner.Id, UpdateId = updateId };
    });

    /// <summary>An article of <paramref name="owner"/>'s with one thread of editorial notes, resolved if asked; the thread is the target's.</summary>
    public async Task<MatrixTarget> ThreadAsync(MatrixPerson owner, bool resolved = false)
    {
        var article = await ArticleAsync(owner, ArticleStatus.Draft);
        return await server.InScopeAsync(async services =>
        {
            var notes = services.GetRequiredService<EditorialNoteService>();
            var thread = await notes.StartAsync(Actor.System, article.Id, "Check the second source.");
            if (resolved)
            {
                await notes.ResolveAsync(Actor.System, article.Id, thread);
            }

            return article with { ThreadId = thread };
        });
    }

    /// <summary>An autosave of the acting person's, of <paramref name="article"/> or (null) of a new article.</summary>
    public Task<MatrixTarget> AutosaveAsync(MatrixTarget? article) => server.InScopeAsync(async services =>
    {
        await services.GetRequiredService<AutosaveService>().KeepAsync(Me.Actor, article?.Id, "{\"Headline\":\"Kept\"}", article?.Version ?? 0);
        return article ?? new MatrixTarget();
    });

    /// <summary>A photo in the media library uploaded by <paramref name="owner"/>; the target's slug is its content hash.</summary>
    public Task<MatrixTarget> MediaAsync(MatrixPerson owner) => server.InScopeAsync(async services =>
    {
        var upload = new MediaUpload("matrix.png", Media.TestImages.Png(320, 200), new MediaDetails(Alt: "A test card"));
        var item = await services.GetRequiredService<MediaService>().UploadAsync(owner.Actor, upload);
        var hash = await services.GetRequiredService<MastheadDb>().MediaItems.Where(m => m.Id == item.Id).Select(m => m.ContentHash).SingleAsync();
        return new MatrixTarget(item.Id) { OwnerId = owner.Id, Slug = hash };
    });

    public Task<MatrixTarget> SectionAsync() => server.InScopeAsync(async services =>
        new MatrixTarget(await services.GetRequiredService<SectionService>().CreateAsync(Actor.System, Marker)));

    public Task<MatrixTarget> TagAsync() => server.InScopeAsync(async services =>
        new MatrixTarget(await services.GetRequiredService<TagService>().CreateAsync(Actor.System, Marker)));

    public Task<MatrixTarget> MessageAsync() => server.InScopeAsync(async services =>
        new MatrixTarget(await services.GetRequiredService<ContactService>()
            .ReceiveAsync(new ContactInput("Hollis Brandt", "hollis@example.org", Marker, "A question about the ferry story."))));

    public Task<MatrixTarget> StaticPageAsync() => server.InScopeAsync(async services =>
    {
        var id = await services.GetRequiredService<StaticPageService>().SaveAsync(Actor.System, null, new StaticPageInput(Marker, null, "Standing text.", StaticPageRole.None));
        return new MatrixTarget(id) { Slug = MarkerSlug };
    });

    public Task<MatrixTarget> ContentApiKeyAsync() => server.InScopeAsync(async services =>
        new MatrixTarget((await services.GetRequiredService<ContentApiKeyService>().CreateAsync(Actor.System, Marker)).Id));

    /// <summary>A message in the outbox that failed for good, as a refused recipient leaves one.</summary>
    public Task<MatrixTarget> FailedMailAsync() => server.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<MastheadDb>();
        var mail = new Core.Mail.OutgoingMail
        {
            Kind = Core.Mail.MailKind.Test,
            ToAddress = $"{MarkerSlug}@example.org",
            Subject = Marker,
            TextBody = "Refused.",
            HtmlBody = "<p>Refused.</p>",
            QueuedAt = DateTime.UtcNow,
            NextAttemptAt = DateTime.UtcNow,
            ExpiresAt = DateTime.UtcNow.AddHours(1),
            State = Core.Mail.OutgoingMailState.Failed,
            Attempts = 1,
            LastResult = "The mail server refused the recipient: 550 No such mailbox",
        };
        db.Outbox.Add(mail);
        await db.SaveChangesAsync();
        return new MatrixTarget(checked((int)mail.Id));
    });

    /// <summary>A session of the staff member's, opened as signing in opens one; the target's id is the session's.</summary>
    public Task<MatrixTarget> SessionAsync(int staffMemberId) => server.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<MastheadDb>();
        var accountId = await db.Users.Where(a => a.StaffMemberId == staffMemberId).Select(a => a.Id).SingleAsync();
        await services.GetRequiredService<StaffSessionService>().StartAsync(accountId, Marker, null);
        var id = await db.StaffSessions.Where(s => s.UserAgent == Marker).Select(s => s.Id).SingleAsync();
        return new MatrixTarget(checked((int)id)) { OwnerId = staffMemberId };
    });

    /// <summary>A newly invited reporter, never one of the demo sign-ins, so changing them disturbs no other case.</summary>
    public Task<MatrixTarget> StaffMemberAsync(bool active = true) => server.InScopeAsync(async services =>
    {
        var accounts = services.GetRequiredService<StaffAccountService>();
        await accounts.InviteAsync(Actor.System, Marker, $"{MarkerSlug}@example.org", NewsroomRole.Reporter);
        var id = await services.GetRequiredService<MastheadDb>().Staff.Where(s => s.Name == Marker).Select(s => s.Id).SingleAsync();
        if (!active)
        {
            await accounts.SetActiveAsync(Actor.System, id, false);
        }

        return new MatrixTarget(id);
    });
}

/// <summary>
/// Every row of every table a newsroom action can touch, as text, so a refused action can be shown to have
/// changed nothing at all, not just the row it aimed at.
/// </summary>
internal static class RoleMatrixSnapshot
{
    public static Task<Dictionary<string, string>> TakeAsync(MastheadServer server) => server.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<MastheadDb>();
        return new Dictionary<string, string>
        {
            ["articles"] = Rows(await db.Articles.AsNoTracking().ToListAsync()),
            ["bylines"] = Rows(await db.ArticleAuthors.AsNoTracking().ToListAsync()),
            ["article tags"] = Rows(await db.ArticleTags.AsNoTracking().ToListAsync()),
            ["redirects"] = Rows(await db.ArticleRedirects.AsNoTracking().ToListAsync()),
            ["revisions"] = Rows(await db.Revisions.AsNoTracking().ToListAsync()),
            ["notes"] = Rows(await db.ArticleNotes.AsNoTracking().ToListAsync()),
            ["editorial notes"] = Rows(await db.EditorialThreads.AsNoTracking().ToListAsync()) + Rows(await db.EditorialNotes.AsNoTracking().ToListAsync()),
            ["autosaves"] = Rows(await db.Autosaves.AsNoTracking().ToListAsync()),
            ["live updates"] = Rows(await db.LiveUpdates.AsNoTracking().ToListAsync()),
            ["live events"] = Rows(await db.LiveEvents.AsNoTracking().ToListAsync()),
            ["sections"] = Rows(await db.Sections.AsNoTracking().ToListAsync()),
            ["tags"] = Rows(await db.Tags.AsNoTracking().ToListAsync()),
            ["static pages"] = Rows(await db.StaticPages.AsNoTracking().ToListAsync()),
            ["messages"] = Rows(await db.ContactMessages.AsNoTracking().ToListAsync()),
            ["staff"] = Rows(await db.Staff.AsNoTracking().ToListAsync()),
            ["accounts"] = Rows(await db.Users.AsNoTracking().ToListAsync()),
            ["settings"] = Rows(await db.Publication.AsNoTracking().ToListAsync()),
            ["audit log"] = Rows(await db.AuditLog.AsNoTracking().ToListAsync()),
            ["content api keys"] = Rows(await db.ContentApiKeys.AsNoTracking().ToListAsync()),
            ["front page"] = Rows(await db.FrontPageSlots.AsNoTracking().ToListAsync()) + Rows(await db.FrontPageBlocks.AsNoTracking().ToListAsync()),
            ["menus"] = Rows(await db.MenuItems.AsNoTracking().ToListAsync()),
            ["banners"] = Rows(await db.SiteBanners.AsNoTracking().ToListAsync()),
            ["media"] = Rows(await db.MediaItems.AsNoTracking().ToListAsync()) + Rows(await db.MediaVariants.AsNoTracking().ToListAsync()),
            ["mail settings"] = Rows(await db.MailSettings.AsNoTracking().ToListAsync()),
            ["notification opt-outs"] = Rows(await db.NotificationOptOuts.AsNoTracking().ToListAsync()),
            // Which messages are in the outbox and whether they are waiting; the sender records its attempts at any moment.
            ["outbox"] = Rows(await db.Outbox.AsNoTracking()
                .Select(m => new { m.Id, m.Kind, m.ToAddress, Failed = m.State == Core.Mail.OutgoingMailState.Failed }).ToListAsync()),
            // Which sessions have ended; when each was last seen changes with every request, refused or not.
            ["sessions"] = Rows(await db.StaffSessions.AsNoTracking().Select(s => new { s.Id, s.EndedAt }).ToListAsync()),
        };
    });

    public static void AssertUnchanged(Dictionary<string, string> before, Dictionary<string, string> after)
    {
        var changed = before.Keys.Where(table => before[table] != after[table]).ToList();
        Assert.True(changed.Count == 0, $"A refused action changed the database: {string.Join(", ", changed)}.");
    }

    private static string Rows<T>(List<T> rows) =>
        string.Join("\n", rows.Select(row => JsonSerializer.Serialize(row)).Order(StringComparer.Ordinal));
}

internal static class RoleMatrixResponses
{
    /// <summary>What a failed expectation shows: the status, where it redirects, and the page's error text.</summary>
    public static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var text = $"{(int)response.StatusCode} {response.StatusCode}";
        if (response.Headers.Location is { } location)
        {
            return $"{text} to {location}";
        }

        var html = await response.Content.ReadAsStringAsync();
        var page = await MastheadServer.ParseAsync(html);
        var message = page.QuerySelector(".errors")?.TextContent ?? page.QuerySelector("main")?.TextContent ?? html;
        message = string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return $"{text}: {(message.Length > 300 ? message[..300] + "…" : message)}";
    }
}

/// <summary>One page handler of the newsroom: "POST /newsroom/articles/{id:int} SendBack".</summary>
internal sealed record NewsroomHandler(string Method, string Route, string Handler)
{
    private Regex Pattern { get; } = new("^" + string.Join("/", Route.Split('/').Select(segment =>
        segment.StartsWith('{') ? (segment.Contains(":int", StringComparison.Ordinal) ? @"\d+" : "[^/]+") : Regex.Escape(segment))) + "$");

    public override string ToString() => $"{Method} {Route} {Handler}".TrimEnd();

    /// <summary>Whether <paramref name="request"/> reaches this handler.</summary>
    public bool Serves(MatrixRequest request)
    {
        var parts = request.Path.Split('?', 2);
        var handler = parts.Length == 2
            ? parts[1].Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == "handler").Select(p => p[1]).FirstOrDefault() ?? ""
            : "";
        return Method == (request.Form is null ? "GET" : "POST") && Handler == handler && Pattern.IsMatch(parts[0]);
    }

    /// <summary>Every handler of every signed-in newsroom page, read from the compiled Razor pages.</summary>
    public static IEnumerable<NewsroomHandler> All()
    {
        foreach (var view in typeof(NewsroomPage).Assembly.GetTypes())
        {
            var route = view.GetCustomAttributes<RazorCompiledItemMetadataAttribute>().FirstOrDefault(m => m.Key == "RouteTemplate")?.Value;
            var model = view.GetProperty("Model")?.PropertyType;
            if (route is null || model is null || !model.IsAssignableTo(typeof(NewsroomPage)))
            {
                continue;
            }

            foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            {
                if (Regex.Match(method.Name, "^On(Get|Post)(.*?)(Async)?$") is { Success: true } handler)
                {
                    yield return new NewsroomHandler(handler.Groups[1].Value.ToUpperInvariant(), route, handler.Groups[2].Value);
                }
            }
        }
    }
}
