using System.Security.Cryptography;
using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.ContentApi;

/// <summary>A Content API key as administrators see it; <see cref="Secret"/> is the key itself.</summary>
public sealed record ContentApiKeyView(int Id, string Name, string Secret, DateTime CreatedAt, string? CreatedBy, DateTime? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>Content API keys: administrators create and revoke them; the API asks whether one is valid.</summary>
public sealed class ContentApiKeyService(MastheadDb db, TimeProvider time)
{
    public async Task<List<ContentApiKeyView>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "manage Content API keys");
        return await Views(db.ContentApiKeys.OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Creates a key of 26 lowercase hexadecimal characters from a cryptographic random source.</summary>
    public async Task<ContentApiKeyView> CreateAsync(Actor actor, string name, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "create Content API keys");
        name = (name ?? "").Trim();
        if (name.Length is 0 or > ContentApiKey.MaxNameLength)
        {
            throw ValidationException.For("Name", $"Name the key after the app or site that uses it, in at most {ContentApiKey.MaxNameLength} characters.");
        }

        var key = new ContentApiKey
        {
            Name = name,
            Secret = RandomNumberGenerator.GetHexString(ContentApiKey.SecretLength, lowercase: true),
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedById = actor.StaffId,
        };
        db.ContentApiKeys.Add(key);
        db.Record(key.CreatedAt, actor, AuditActions.ContentApiKeyCreated, details: Describe(key));
        await db.SaveChangesAsync(cancellationToken);
        return await Views(db.ContentApiKeys.Where(k => k.Id == key.Id)).SingleAsync(cancellationToken);
    }

    /// <param name="idOrSecret">The key's number, or the key itself.</param>
    /// <exception cref="NotFoundException">No key has that number or value.</exception>
    /// <exception cref="WorkflowException">The key was already revoked.</exception>
    public async Task<ContentApiKeyView> RevokeAsync(Actor actor, string idOrSecret, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "revoke Content API keys");
        idOrSecret = (idOrSecret ?? "").Trim();
        var id = int.TryParse(idOrSecret, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 0;
        var key = await db.ContentApiKeys.SingleOrDefaultAsync(k => k.Id == id || k.Secret == idOrSecret, cancellationToken)
            ?? throw new NotFoundException($"There is no Content API key '{idOrSecret}'.");
        var now = time.GetUtcNow().UtcDateTime;
        await db.InTransactionAsync(async () =>
        {
            // Revoked only if no one revoked it since it was read: two presses at once revoke and record it once.
            if (key.RevokedAt is not null || await db.ContentApiKeys.Where(k => k.Id == key.Id && k.RevokedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(k => k.RevokedAt, now), cancellationToken) == 0)
            {
                throw new WorkflowException($"The key '{key.Name}' was already revoked.");
            }

            db.Record(now, actor, AuditActions.ContentApiKeyRevoked, details: Describe(key));
            db.Raise(new ContentApiKeyRevoked(key.Id));
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return await Views(db.ContentApiKeys.Where(k => k.Id == key.Id)).SingleAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="secret"/> is a key that has not been revoked. Anyone may ask: keys are public.</summary>
    public Task<bool> IsValidAsync(string secret, CancellationToken cancellationToken = default) =>
        secret.Length == ContentApiKey.SecretLength
            ? db.ContentApiKeys.AnyAsync(k => k.Secret == secret && k.RevokedAt == null, cancellationToken)
            : Task.FromResult(false);

    /// <summary>The name and the last characters of the key: enough to tell keys apart in the audit log.</summary>
    private static string Describe(ContentApiKey key) => $"{key.Name} (…{key.Secret[^4..]})";

    private IQueryable<ContentApiKeyView> Views(IQueryable<ContentApiKey> keys) =>
        keys.AsNoTracking().Select(k => new ContentApiKeyView(k.Id, k.Name, k.Secret, k.CreatedAt,
            db.Staff.Where(s => s.Id == k.CreatedById).Select(s => s.Name).FirstOrDefault(), k.RevokedAt));
}
