using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.Live;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Masthead.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Banner;

/// <summary>
/// Raises and lowers the site-wide banner. Each change raises <see cref="BannerChanged"/>: every cached page is
/// evicted and every open page told, on every node.
/// </summary>
public sealed class BannerService(MastheadDb db, TimeProvider time)
{
    public const string LiveLabel = "LIVE";

    /// <summary>Puts <paramref name="input"/> up in place of any banner up now; returns its id.</summary>
    public async Task<int> RaiseAsync(Actor actor, BannerInput input, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanRunBanner(actor), "raise the site banner");
        var now = Now;
        var problems = new Dictionary<string, string>();
        var label = (input.Label ?? "").Trim();
        var text = string.Join(' ', (input.Text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (label.Length == 0)
        {
            problems[nameof(input.Label)] = "Give the banner a label, such as BREAKING or LIVE.";
        }
        else if (label.Length > SiteBanner.MaxLabelLength)
        {
            problems[nameof(input.Label)] = $"The label is {label.Length} characters long; the limit is {SiteBanner.MaxLabelLength}.";
        }

        if (text.Length == 0)
        {
            problems[nameof(input.Text)] = "The banner has no text.";
        }
        else if (text.Length > SiteBanner.MaxTextLength)
        {
            problems[nameof(input.Text)] = $"The text is {text.Length} characters long; the limit is {SiteBanner.MaxTextLength}.";
        }

        if (input.ArticleId is { } articleId && !await db.Articles.Where(PublishedArticles.IsPublished).AnyAsync(a => a.Id == articleId, cancellationToken))
        {
            problems[nameof(input.ArticleId)] = "The banner can link only to a published story.";
        }

        if (input.ExpiresAt is { } expires && expires <= now)
        {
            problems[nameof(input.ExpiresAt)] = "The expiry must be in the future.";
        }

        if (problems.Count > 0)
        {
            throw new ValidationException(problems);
        }

        return await PutUpAsync(actor, new SiteBanner
        {
            Label = label,
            Text = text,
            ArticleId = input.ArticleId,
            ExpiresAt = input.ExpiresAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null,
            RaisedAt = now,
            RaisedById = actor.StaffId,
            RaisedByName = actor.Name,
        }, cancellationToken);
    }

    /// <summary>The one-click banner of a developing story: LIVE, its headline, a link to it; it comes down when coverage ends.</summary>
    public async Task<int> RaiseForLiveStoryAsync(Actor actor, int articleId, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanRunBanner(actor), "raise the site banner");
        var story = await db.Articles.AsNoTracking().Where(a => a.Id == articleId)
            .Select(a => new { a.Headline, a.Status, a.Coverage }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no article {articleId}.");
        if (story.Status != ArticleStatus.Published || story.Coverage != CoverageStatus.Live)
        {
            throw new WorkflowException("Only a published story whose coverage is live has a LIVE banner.");
        }

        return await PutUpAsync(actor, new SiteBanner
        {
            Label = LiveLabel,
            Text = Excerpts.Shorten(story.Headline, SiteBanner.MaxTextLength),
            ArticleId = articleId,
            RaisedAt = Now,
            RaisedById = actor.StaffId,
            RaisedByName = actor.Name,
        }, cancellationToken);
    }

    /// <summary>Takes the banner down; false when none was up.</summary>
    public async Task<bool> LowerAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanRunBanner(actor), "lower the site banner");
        var now = Now;
        var up = await BannerRules.TakeDownAsync(db, b => true, now, actor.Name, cancellationToken);
        if (up.Count > 0)
        {
            db.Record(now, actor, AuditActions.BannerLowered, up[0].ArticleId, $"{up[0].Label}: {up[0].Text}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return up.Count > 0;
    }

    private async Task<int> PutUpAsync(Actor actor, SiteBanner banner, CancellationToken cancellationToken)
    {
        await db.InTransactionAsync(async () =>
        {
            await BannerRules.TakeDownAsync(db, b => true, banner.RaisedAt, actor.Name, cancellationToken);
            db.SiteBanners.Add(banner);
            db.Record(banner.RaisedAt, actor, AuditActions.BannerRaised, banner.ArticleId, $"{banner.Label}: {banner.Text}");
            db.Raise(new BannerChanged());
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return banner.Id;
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}

/// <summary>Taking banners down, as the banner desk does and as other changes do on their own.</summary>
internal static class BannerRules
{
    /// <summary>
    /// Marks every banner not yet lowered that <paramref name="which"/> picks as lowered (an expired one as of its
    /// expiry) and raises <see cref="BannerChanged"/> when one was up. Saved with the caller's unit of work; returns
    /// the ones that were up at <paramref name="now"/>.
    /// </summary>
    public static async Task<List<SiteBanner>> TakeDownAsync(MastheadDb db, System.Linq.Expressions.Expression<Func<SiteBanner, bool>> which, DateTime now, string by,
        CancellationToken cancellationToken)
    {
        var standing = await db.SiteBanners.Where(b => b.LoweredAt == null).Where(which).ToListAsync(cancellationToken);
        var up = standing.Where(b => b.ExpiresAt is null || b.ExpiresAt > now).ToList();
        foreach (var banner in standing)
        {
            var expired = !up.Contains(banner);
            banner.LoweredAt = expired ? banner.ExpiresAt : now;
            banner.LoweredBy = expired ? "expired" : by;
        }

        if (up.Count > 0)
        {
            db.Raise(new BannerChanged());
        }

        return up;
    }

    /// <summary>A banner linking to a story comes down when the story is unpublished or its coverage ends.</summary>
    public static Task<List<SiteBanner>> TakeDownLinkedToAsync(MastheadDb db, int articleId, DateTime now, string why, CancellationToken cancellationToken) =>
        TakeDownAsync(db, b => b.ArticleId == articleId, now, why, cancellationToken);
}
