using System.Text.Json;
using Masthead.Core.Articles;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Autosaves;

/// <summary>A person's autosave as the editor offers it back.</summary>
public sealed record AutosaveView(string Fields, int BaseVersion, DateTime SavedAt);

/// <summary>
/// Keeps, offers and forgets each person's autosave of an article: only ever their own, found by who they are, so no
/// one can read or change another's. Saving the article forgets it (<see cref="AutosaveRules.ForgetAsync"/>).
/// </summary>
public sealed class AutosaveService(MastheadDb db, TimeProvider time)
{
    /// <summary>The longest JSON kept: a body at its limit, every other field full, and room for escaping.</summary>
    public const int MaxFieldsLength = 600_000;

    /// <summary>Keeps <paramref name="fields"/> as the actor's autosave of the article (null: a new article); returns when.</summary>
    /// <exception cref="ValidationException">The fields are too long, or not a JSON object.</exception>
    /// <exception cref="ForbiddenException">The actor may not edit the article.</exception>
    public async Task<DateTime> KeepAsync(Actor actor, int? articleId, string fields, int baseVersion, CancellationToken cancellationToken = default)
    {
        var me = Owner(actor);
        if (fields.Length > MaxFieldsLength)
        {
            throw ValidationException.For("Fields", $"An autosave holds at most {MaxFieldsLength:N0} characters; save the article instead.");
        }

        if (!IsJsonObject(fields))
        {
            throw ValidationException.For("Fields", "An autosave is the form's fields as a JSON object.");
        }

        if (articleId is { } id)
        {
            Permissions.Demand(Permissions.CanEdit(actor, await AccessAsync(id, cancellationToken)), "edit this article");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await db.CheckAgainIfRacedAsync(async () =>
        {
            // Two saves of the same autosave at once: the database refuses the second insert, which then finds the row.
            var kept = await db.Autosaves.SingleOrDefaultAsync(a => a.StaffMemberId == me && a.ArticleId == articleId, cancellationToken);
            if (kept is null)
            {
                kept = new Autosave { StaffMemberId = me, ArticleId = articleId, Fields = fields };
                db.Autosaves.Add(kept);
            }

            (kept.Fields, kept.BaseVersion, kept.SavedAt) = (fields, baseVersion, now);
            await db.SaveChangesAsync(cancellationToken);
        });
        return now;
    }

    /// <summary>The actor's own autosave of the article (null: a new article), if they have one.</summary>
    public Task<AutosaveView?> FindAsync(Actor actor, int? articleId, CancellationToken cancellationToken = default)
    {
        var me = Owner(actor);
        return db.Autosaves.AsNoTracking().Where(a => a.StaffMemberId == me && a.ArticleId == articleId)
            .Select(a => new AutosaveView(a.Fields, a.BaseVersion, a.SavedAt)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Forgets the actor's autosave of the article (null: a new article); returns false when there was none.</summary>
    public async Task<bool> DiscardAsync(Actor actor, int? articleId, CancellationToken cancellationToken = default) =>
        await AutosaveRules.ForgetAsync(db, Owner(actor), articleId, cancellationToken) > 0;

    private static int Owner(Actor actor) =>
        actor.StaffId ?? throw new ForbiddenException("Your role does not allow you to keep autosaves: only staff members have them.");

    private async Task<ArticleAccess> AccessAsync(int articleId, CancellationToken cancellationToken)
    {
        var row = await db.Articles.AsNoTracking().Where(a => a.Id == articleId)
            .Select(a => new { a.Status, a.CreatedById, Authors = a.Authors.Select(b => b.StaffMemberId).ToList() })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no article {articleId}.");
        return new ArticleAccess(row.Status, row.CreatedById, row.Authors);
    }

    private static bool IsJsonObject(string fields)
    {
        try
        {
            using var document = JsonDocument.Parse(fields);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>Forgetting an autosave inside another change's transaction: saving the article it was kept for.</summary>
internal static class AutosaveRules
{
    public static Task<int> ForgetAsync(MastheadDb db, int staffMemberId, int? articleId, CancellationToken cancellationToken) =>
        db.Autosaves.Where(a => a.StaffMemberId == staffMemberId && a.ArticleId == articleId).ExecuteDeleteAsync(cancellationToken);
}
