using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.Pages;
using Masthead.Core.People;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.Revisions;
using Masthead.Core.Sections;
using Masthead.Core.Storage;
using Masthead.Core.Tags;
using Masthead.Core.Text;
using Masthead.Core.Text.Blocks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Masthead.Core.Import;

/// <summary>
/// Writes what an importer read, whatever it came from: staff, sections, tags, articles, static pages and the old
/// addresses, each matched by its source id (<see cref="ImportedItem"/>) so that a second import updates instead of
/// duplicating. Articles are written in batches of <see cref="BatchSize"/>, each batch in one transaction with its
/// revisions, source ids and addresses, so an import stopped halfway leaves whole items behind and running it again
/// finishes it. In a dry run the caller holds one transaction around everything and rolls it back.
/// </summary>
public sealed class ImportWriter(
    MastheadDb db,
    MarkdownRenderer markdown,
    StaffService staff,
    SectionService sections,
    TagService tags,
    StaticPageService pages,
    PublicationService publication,
    TimeProvider time)
{
    public const int BatchSize = 250;

    private readonly Dictionary<(ImportedKind, string), int> _known = [];
    private readonly HashSet<string> _slugs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Id, ImportedKind Kind, int TargetId)> _addresses = new(StringComparer.Ordinal);
    private readonly List<(Article Article, SourcePost Post, bool Created)> _batch = [];
    private readonly Dictionary<string, int?> _people = new(StringComparer.Ordinal);
    private string _source = "";
    private string _sourceName = "";
    private ImportReport _report = null!;
    private PublicationClock _clock = null!;
    private IDbContextTransaction? _transaction;
    private DateTime _now;

    internal ImportReport Report => _report;

    internal async Task BeginAsync(string source, string sourceName, ImportReport report, CancellationToken cancellationToken)
    {
        (_source, _sourceName, _report) = (source, sourceName, report);
        _now = time.GetUtcNow().UtcDateTime;
        _clock = (await publication.GetAsync(cancellationToken)).Clock;
        foreach (var item in await db.ImportedItems.AsNoTracking().Where(i => i.Source == source)
                     .Select(i => new { i.Kind, i.SourceId, i.TargetId }).ToListAsync(cancellationToken))
        {
            _known[(item.Kind, item.SourceId)] = item.TargetId;
        }

        _slugs.UnionWith(await db.Articles.AsNoTracking().Select(a => a.Slug).ToListAsync(cancellationToken));
        foreach (var address in await db.ImportedAddresses.AsNoTracking().Select(a => new { a.Path, a.Id, a.Kind, a.TargetId }).ToListAsync(cancellationToken))
        {
            _addresses[address.Path] = (address.Id, address.Kind, address.TargetId);
        }
    }

    internal int? Known(ImportedKind kind, string sourceId) => _known.TryGetValue((kind, sourceId), out var id) ? id : null;

    internal void Remember(ImportedKind kind, string sourceId, int targetId)
    {
        if (_known.TryAdd((kind, sourceId), targetId))
        {
            db.ImportedItems.Add(new ImportedItem { Source = _source, Kind = kind, SourceId = Clip(sourceId, ImportedItem.MaxSourceIdLength), TargetId = targetId });
        }
    }

    /// <summary>The staff member an author became: matched by source id, then by slug or name, else created without a sign-in.</summary>
    internal async Task<int?> StaffIdAsync(SourcePerson person, CancellationToken cancellationToken)
    {
        if (_people.TryGetValue(person.Id, out var cached))
        {
            return cached;
        }

        var id = Known(ImportedKind.Author, person.Id);
        if (id is null)
        {
            await EnsureTransactionAsync(cancellationToken);
            var slug = Slugs.Slugify(person.Slug.Length > 0 ? person.Slug : person.Name);
            var name = Clip(string.IsNullOrWhiteSpace(person.Name) ? person.Id : person.Name.Trim(), 100);
            id = await db.Staff.Where(s => s.Slug == slug || s.Name == name).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
            if (id is null)
            {
                id = await CreateStaffAsync(person, name, slug, cancellationToken);
                _report.Staff += id is null ? 0 : 1;
            }

            if (id is { } made)
            {
                Remember(ImportedKind.Author, person.Id, made);
                await AddressAsync($"/author/{slug}", ImportedKind.Author, made, cancellationToken);
            }
        }

        _people[person.Id] = id;
        return id;
    }

    private async Task<int?> CreateStaffAsync(SourcePerson person, string name, string slug, CancellationToken cancellationToken)
    {
        var bio = Clip(person.Bio, 1000);
        var photo = person.PhotoUrl is { } url && ImageAddress.IsValid(url) ? url : null;
        foreach (var (tryName, trySlug) in new[] { (name, slug), ($"{name} ({person.Id})", Slugs.Slugify($"{slug}-{person.Id}")) })
        {
            try
            {
                return await staff.CreateAsync(new StaffInput(tryName, "", bio, photo, null, trySlug.Length > 0 ? trySlug : null, NewsroomRole.Contributor), cancellationToken);
            }
            catch (ValidationException)
            {
                // a colleague's name a reader could take for this one, or a slug taken: the second try names the login too
            }
        }

        _report.Add(_report.Problems, new ImportNote($"author {person.Id}", $"could not be added as staff under the name '{name}'; their items have no byline from them"));
        return null;
    }

    internal async Task<int> SectionIdAsync(SourceTerm term, CancellationToken cancellationToken)
    {
        if (Known(ImportedKind.Section, term.Id) is { } known)
        {
            return known;
        }

        await EnsureTransactionAsync(cancellationToken);
        var slug = Slugs.Slugify(term.Slug.Length > 0 ? term.Slug : term.Name);
        var id = await db.Sections.Where(s => s.Slug == slug).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken)
                 ?? await sections.CreateAsync(Actor.System, Clip(term.Name, Section.MaxNameLength), Clip(term.Description, Section.MaxDescriptionLength),
                     slug.Length > 0 ? slug : null, cancellationToken);
        _report.Sections++;
        Remember(ImportedKind.Section, term.Id, id);
        await AddressAsync(term.OldPath, ImportedKind.Section, id, cancellationToken);
        return id;
    }

    internal async Task<int> TagIdAsync(SourceTerm term, CancellationToken cancellationToken)
    {
        if (Known(ImportedKind.Tag, term.Id) is { } known)
        {
            return known;
        }

        await EnsureTransactionAsync(cancellationToken);
        var slug = Slugs.Slugify(term.Slug.Length > 0 ? term.Slug : term.Name);
        var id = await db.Tags.Where(t => t.Slug == slug).Select(t => (int?)t.Id).FirstOrDefaultAsync(cancellationToken)
                 ?? await tags.CreateAsync(Actor.System, Clip(term.Name, Tag.MaxNameLength), slug.Length > 0 ? slug : null, Clip(term.Description, Tag.MaxDescriptionLength),
                     cancellationToken);
        _report.Tags++;
        Remember(ImportedKind.Tag, term.Id, id);
        await AddressAsync(term.OldPath, ImportedKind.Tag, id, cancellationToken);
        return id;
    }

    /// <summary>An old address answering 301 to <paramref name="targetId"/>; one another import holds is taken over.</summary>
    internal async Task AddressAsync(string path, ImportedKind kind, int targetId, CancellationToken cancellationToken)
    {
        var normalized = ImportedAddresses.Normalize(path);
        if (normalized is null)
        {
            return;
        }

        if (_addresses.TryGetValue(normalized, out var existing))
        {
            if ((existing.Kind, existing.TargetId) != (kind, targetId))
            {
                await db.ImportedAddresses.Where(a => a.Path == normalized).ExecuteUpdateAsync(
                    set => set.SetProperty(a => a.Kind, kind).SetProperty(a => a.TargetId, targetId), cancellationToken);
                _addresses[normalized] = (existing.Id, kind, targetId);
            }

            return;
        }

        _addresses[normalized] = (0, kind, targetId);
        db.ImportedAddresses.Add(new ImportedAddress { Path = normalized, Kind = kind, TargetId = targetId });
        _report.Redirects++;
    }

    /// <summary>Adds or updates an article or static page; articles wait for the batch to be written.</summary>
    internal async Task AddPostAsync(SourcePost post, CancellationToken cancellationToken)
    {
        await EnsureTransactionAsync(cancellationToken);
        if (post.IsPage)
        {
            await WritePageAsync(post, cancellationToken);
            return;
        }

        RenderedMarkdown body;
        try
        {
            body = markdown.Render(post.Markdown, Article.MaxBodyLength, nameof(Article.BodyMarkdown), BodyOptions.Trusted);
        }
        catch (ValidationException refused)
        {
            _report.Add(_report.Problems, new ImportNote(post.Item, $"not imported: {refused.Problems.Values.First()}"));
            return;
        }

        var authorIds = new List<int>();
        foreach (var person in post.Authors)
        {
            if (await StaffIdAsync(person, cancellationToken) is { } id && !authorIds.Contains(id) && authorIds.Count < Article.MaxBylines)
            {
                authorIds.Add(id);
            }
        }

        int? sectionId = post.Section is { } section ? await SectionIdAsync(section, cancellationToken) : null;
        var tagIds = new List<int>();
        foreach (var term in post.Tags)
        {
            var id = await TagIdAsync(term, cancellationToken);
            if (!tagIds.Contains(id) && tagIds.Count < Article.MaxTags)
            {
                tagIds.Add(id);
            }
        }

        var existingId = Known(ImportedKind.Article, post.Id);
        var article = existingId is { } found
            ? await db.Articles.Include(a => a.Authors).Include(a => a.Tags).AsSplitQuery().SingleOrDefaultAsync(a => a.Id == found, cancellationToken)
            : null;
        var created = article is null;
        article ??= new Article { Slug = "", Headline = "", CreatedAt = post.Date ?? _now };
        var before = created ? null : EditableContent.Of(article);
        var stateBefore = (article.Status, article.PublishedAt, article.ScheduledFor);
        Apply(article, post, body, sectionId, authorIds, tagIds);
        if (created)
        {
            db.Articles.Add(article);
            _report.ArticlesCreated++;
        }
        else if (EditableContent.Of(article) != before || (article.Status, article.PublishedAt, article.ScheduledFor) != stateBefore)
        {
            article.Version++;
            _report.ArticlesUpdated++;
        }
        else
        {
            await AddressesAsync(post, ImportedKind.Article, article.Id, cancellationToken);
            return;
        }

        _batch.Add((article, post, created));
        if (_batch.Count >= BatchSize)
        {
            await FlushAsync(cancellationToken);
        }
    }

    private void Apply(Article article, SourcePost post, RenderedMarkdown body, int? sectionId, List<int> authorIds, List<int> tagIds)
    {
        var headline = string.IsNullOrWhiteSpace(post.Title) ? "Untitled" : post.Title.Trim();
        if (headline.Length > Article.MaxHeadlineLength)
        {
            _report.Add(_report.Problems, new ImportNote(post.Item, $"headline cut to {Article.MaxHeadlineLength} characters"));
            headline = Clip(headline, Article.MaxHeadlineLength);
        }

        article.Headline = headline;
        article.Slug = FreeSlug(article.Slug, post);
        article.Standfirst = Clip(post.Standfirst.Trim(), Article.MaxStandfirstLength);
        article.BodyMarkdown = post.Markdown;
        article.BodyHtml = body.Html;
        article.BodyText = body.PlainText;
        article.WordCount = body.WordCount;
        article.SectionId = sectionId;
        article.LeadImage = post.LeadImage is { } image
            ? new LeadImage
            {
                Url = image.Url,
                Alt = Clip(image.Alt, LeadImage.MaxAltLength),
                Caption = ClipOrNull(image.Caption, LeadImage.MaxCaptionLength),
                Credit = ClipOrNull(image.Credit, LeadImage.MaxCreditLength),
            }
            : null;
        article.LastModifiedAt = post.Modified ?? post.Date ?? _now;
        article.Authors.RemoveAll(a => !authorIds.Contains(a.StaffMemberId));
        for (var i = 0; i < authorIds.Count; i++)
        {
            if (article.Authors.Find(a => a.StaffMemberId == authorIds[i]) is { } byline)
            {
                byline.Position = i;
            }
            else
            {
                article.Authors.Add(new ArticleAuthor { StaffMemberId = authorIds[i], Position = i });
            }
        }

        article.Tags.RemoveAll(t => !tagIds.Contains(t.TagId));
        foreach (var tagId in tagIds.Where(id => article.Tags.All(t => t.TagId != id)))
        {
            article.Tags.Add(new ArticleTag { TagId = tagId });
        }

        var state = post.State;
        if (state is SourceState.Published or SourceState.Scheduled && authorIds.Count == 0)
        {
            _report.Add(_report.Problems, new ImportNote(post.Item, "no byline could be given, so it is imported as a draft"));
            state = SourceState.Draft;
        }

        ApplyState(article, state, post.Date ?? _now);
    }

    private void ApplyState(Article article, SourceState state, DateTime date)
    {
        article.ScheduledFor = null;
        switch (state)
        {
            case SourceState.Published or SourceState.Private:
                article.Status = state == SourceState.Published ? ArticleStatus.Published : ArticleStatus.Unpublished;
                article.PublishedAt = date;
                article.UrlDate = _clock.LocalDate(date);
                break;
            case SourceState.Scheduled:
                article.Status = ArticleStatus.Scheduled;
                article.ScheduledFor = date;
                article.PublishedAt = null;
                article.UrlDate = null;
                break;
            default:
                article.Status = state == SourceState.InReview ? ArticleStatus.InReview : ArticleStatus.Draft;
                article.PublishedAt = null;
                article.UrlDate = null;
                break;
        }
    }

    private string FreeSlug(string current, SourcePost post)
    {
        var wanted = Slugs.Slugify(Uri.UnescapeDataString(post.Slug));
        if (wanted.Length == 0)
        {
            wanted = Slugs.Slugify(post.Title);
        }

        if (wanted.Length == 0)
        {
            wanted = $"post-{Slugs.Slugify(post.Id)}";
        }

        if (wanted == current)
        {
            return current;
        }

        var slug = wanted;
        for (var n = 2; slug != current && _slugs.Contains(slug); n++)
        {
            var suffix = $"-{n}";
            slug = wanted[..Math.Min(wanted.Length, Slugs.MaxLength - suffix.Length)].TrimEnd('-') + suffix;
        }

        if (slug != wanted && current.Length == 0)
        {
            _report.Add(_report.Problems, new ImportNote(post.Item, $"the slug '{wanted}' was taken; it is '{slug}' here"));
        }

        _slugs.Remove(current);
        _slugs.Add(slug);
        return slug;
    }

    private async Task WritePageAsync(SourcePost post, CancellationToken cancellationToken)
    {
        var existing = Known(ImportedKind.Page, post.Id);
        if (existing is null && post.State != SourceState.Published)
        {
            _report.Add(_report.Problems, new ImportNote(post.Item, "not imported: a page that was not published (static pages are always public here)"));
            return;
        }

        var wanted = Slugs.Slugify(Uri.UnescapeDataString(post.Slug));
        var title = Clip(string.IsNullOrWhiteSpace(post.Title) ? "Untitled" : post.Title.Trim(), StaticPage.MaxTitleLength);
        if (existing is { } id0 && await db.StaticPages.AnyAsync(p => p.Id == id0 && p.Title == title && p.BodyMarkdown == post.Markdown, cancellationToken))
        {
            await AddressesAsync(post, ImportedKind.Page, id0, cancellationToken); // unchanged since it was imported
            return;
        }

        foreach (var slug in new[] { wanted, $"{wanted}-page", $"{wanted}-{Slugs.Slugify(post.Id)}" })
        {
            try
            {
                var id = await pages.SaveAsync(Actor.System, existing, new StaticPageInput(title, slug.Trim('-'), post.Markdown, StaticPageRole.None), cancellationToken);
                if (existing is null)
                {
                    _report.PagesCreated++;
                    Remember(ImportedKind.Page, post.Id, id);
                }
                else
                {
                    _report.PagesUpdated++;
                }

                await AddressesAsync(post, ImportedKind.Page, id, cancellationToken);
                return;
            }
            catch (ValidationException refused) when (refused.Problems.Keys.All(k => k == "Slug"))
            {
                // the address is another page's or the site's own: the next try adds to it
            }
            catch (ValidationException refused)
            {
                _report.Add(_report.Problems, new ImportNote(post.Item, $"not imported: {refused.Problems.Values.First()}"));
                return;
            }
        }
    }

    private async Task AddressesAsync(SourcePost post, ImportedKind kind, int id, CancellationToken cancellationToken)
    {
        foreach (var path in post.OldPaths)
        {
            await AddressAsync(path, kind, id, cancellationToken);
        }
    }

    /// <summary>Writes the waiting articles with their revisions, source ids and addresses, and commits the batch.</summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        await EnsureTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var actor = Actor.System;
        var numbers = await NextRevisionNumbersAsync(cancellationToken);
        foreach (var (article, post, created) in _batch)
        {
            db.Revisions.Add(RevisionSnapshot.Of(article, numbers.GetValueOrDefault(article.Id, 1), actor, $"Imported from {_sourceName}", _now));
            if (created)
            {
                Remember(ImportedKind.Article, post.Id, article.Id);
            }

            await AddressesAsync(post, ImportedKind.Article, article.Id, cancellationToken);
        }

        _batch.Clear();
        db.Raise(new ArchiveImported());
        await db.SaveChangesAsync(cancellationToken);
        if (_transaction is not null)
        {
            await _transaction.CommitAsync(cancellationToken);
            await _transaction.DisposeAsync();
            _transaction = null;
        }

        db.ChangeTracker.Clear();
    }

    private async Task<Dictionary<int, int>> NextRevisionNumbersAsync(CancellationToken cancellationToken)
    {
        var updated = _batch.Where(b => !b.Created).Select(b => b.Article.Id).ToList();
        if (updated.Count == 0)
        {
            return [];
        }

        return await db.Revisions.Where(r => updated.Contains(r.ArticleId)).GroupBy(r => r.ArticleId)
            .Select(g => new { g.Key, Next = g.Max(r => r.Number) + 1 }).ToDictionaryAsync(g => g.Key, g => g.Next, cancellationToken);
    }

    /// <summary>Writes what is left, and records the import in the audit log.</summary>
    internal async Task FinishAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        await EnsureTransactionAsync(cancellationToken);
        db.Record(_now, Actor.System, AuditActions.Imported, null, Summary(_report));
        db.Raise(new ArchiveImported());
        await db.SaveChangesAsync(cancellationToken);
        if (_transaction is not null)
        {
            await _transaction.CommitAsync(cancellationToken);
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }

    /// <summary>Leaves what is unsaved: the batch's transaction, if the writer opened one, is rolled back.</summary>
    internal async Task AbandonAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }

        _batch.Clear();
        db.ChangeTracker.Clear();
    }

    internal static string Summary(ImportReport report) =>
        $"{report.Source}: {report.ArticlesCreated} articles added, {report.ArticlesUpdated} updated; {report.PagesCreated} pages added, "
        + $"{report.PagesUpdated} updated; {report.MediaImported} media files; {report.Redirects} old addresses";

    /// <summary>Each batch is its own transaction, unless the caller holds one (a dry run) that the batch joins.</summary>
    private async Task EnsureTransactionAsync(CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            _transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        }
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length].TrimEnd();

    private static string? ClipOrNull(string? text, int length) => string.IsNullOrWhiteSpace(text) ? null : Clip(text.Trim(), length);
}
