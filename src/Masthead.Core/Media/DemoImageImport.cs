using Masthead.Core.Events;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Media;

/// <summary>
/// The demo publication's illustrations, staff portraits and logo are files shipped with Masthead at /demo/...;
/// this makes each one a media-library item (with the alt text and credit the demo gives it) and points the
/// articles, profiles and settings at the item instead. It runs after the demo is seeded and at every start, so a
/// database seeded before the library existed is brought over too; once nothing points at /demo/ it does nothing.
/// The files stay where they were, so any copy of an old address keeps working.
/// </summary>
public sealed class DemoImageImport(MastheadDb db, MediaService media)
{
    public const string DemoPrefix = "/demo/";

    /// <param name="readDemoFile">The bytes of a shipped file, by its address; null when there is none.</param>
    /// <returns>How many addresses were pointed at library items.</returns>
    public async Task<int> ImportAsync(Func<string, byte[]?> readDemoFile, CancellationToken cancellationToken = default)
    {
        var articles = await db.Articles.Where(a => a.LeadImage != null && a.LeadImage.Url.StartsWith(DemoPrefix)).ToListAsync(cancellationToken);
        var staff = await db.Staff.Where(s => s.PhotoUrl != null && s.PhotoUrl.StartsWith(DemoPrefix)).ToListAsync(cancellationToken);
        var settings = await db.Publication.SingleOrDefaultAsync(
            s => s.Id == PublicationSettings.SingletonId && s.LogoUrl != null && s.LogoUrl.StartsWith(DemoPrefix), cancellationToken);
        if (articles.Count == 0 && staff.Count == 0 && settings is null)
        {
            return 0;
        }

        var items = new Dictionary<string, string?>(StringComparer.Ordinal);
        async Task<string?> AddressOf(string url, MediaDetails details)
        {
            if (!items.TryGetValue(url, out var address))
            {
                items[url] = address = await ImportFileAsync(url, readDemoFile(url), details, cancellationToken);
            }

            return address;
        }

        var changed = 0;
        foreach (var article in articles)
        {
            var lead = article.LeadImage!;
            if (await AddressOf(lead.Url, new MediaDetails(lead.Alt, null, lead.Credit)) is { } address)
            {
                article.LeadImage = new Articles.LeadImage { Url = address, Alt = lead.Alt, Caption = lead.Caption, Credit = lead.Credit };
                changed++;
            }
        }

        foreach (var member in staff)
        {
            if (await AddressOf(member.PhotoUrl!, new MediaDetails($"Portrait illustration of {member.Name}")) is { } address)
            {
                member.PhotoUrl = address;
                changed++;
            }
        }

        if (settings is not null && await AddressOf(settings.LogoUrl!, new MediaDetails(settings.Name)) is { } logo)
        {
            settings.LogoUrl = logo;
            changed++;
        }

        // Shown on every page; the articles' own pages are among them.
        db.Raise(new SiteChanged(SiteArea.Staff));
        db.Raise(new SiteChanged(SiteArea.Publication));
        foreach (var article in articles)
        {
            db.Raise(new ArticleChanged(article.Id, [], [], []));
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    /// <summary>The library address of a shipped file: an item with the same content when there is one, or a new one.</summary>
    private async Task<string?> ImportFileAsync(string url, byte[]? content, MediaDetails details, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return null;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        var existing = await db.MediaItems.AsNoTracking().Where(m => m.ContentHash == hash).Select(m => new { m.Key, m.Name }).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return MediaAddresses.ItemPath(existing.Key, existing.Name);
        }

        var fileName = url[(url.LastIndexOf('/') + 1)..];
        var item = await media.UploadAsync(Actor.System, new MediaUpload(fileName, content, details), cancellationToken);
        return item.Address;
    }
}
