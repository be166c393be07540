using System.Security.Cryptography;
using Masthead.Core.Audit;
using Masthead.Core.Events;
using Masthead.Core.People;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.ContentApi;

/// <summary>A Content API key as administrators see it; <see cref="Secret"/> is the key itself.</summary>
/// <param name="AdminRole">Null for a Content API key; for an Admin API key, the role it acts with, and <see cref="Secret"/> is id:secret.</param>
public sealed record ContentApiKeyView(int Id, string Name, string Secret, DateTime CreatedAt, string? CreatedBy, DateTime? RevokedAt, NewsroomRole? AdminRole = null)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>An active Admin API key as the API checks a token against it.</summary>
public sealed record AdminApiKey(int Id, string Name, string Secret, NewsroomRole Role)
{
    /// <summary>
    /// Who the key acts as: no staff member, with the role the administrator chose, named in the audit log after the key,
    /// and owning what it creates as a person with that role owns their own drafts.
    /// </summary>
    public Actor Actor => new(null, Role, $"{Name} (Admin API key)") { ApiKeyId = Id };
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

    /// <summary>An Admin API key: an id of 24 and a secret of 64 lowercase hexadecimal characters, acting with <paramref name="role"/>.</summary>
    public async Task<ContentApiKeyView> CreateAdminAsync(Actor actor, string name, NewsroomRole role, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "create Admin API keys");
        name = (name ?? "").Trim();
        if (name.Length is 0 or > ContentApiKey.MaxNameLength)
        {
            throw ValidationException.For("Name", $"Name the key after the tool that uses it, in at most {ContentApiKey.MaxNameLength} characters.");
        }

        if (!Enum.IsDefined(role))
        {
            throw ValidationException.For("Role", "Choose the role the key acts with: contributor, reporter, editor or administrator.");
        }

        var key = new ContentApiKey
        {
            Name = name,
            Secret = RandomNumberGenerator.GetHexString(ContentApiKey.AdminIdLength, lowercase: true),
            AdminSecret = RandomNumberGenerator.GetHexString(ContentApiKey.AdminSecretLength, lowercase: true),
            AdminRole = role,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedById = actor.StaffId,
        };
        db.ContentApiKeys.Add(key);
        db.Record(key.CreatedAt, actor, AuditActions.ContentApiKeyCreated, details: $"{Describe(key)}, Admin API, {role}");
        await db.SaveChangesAsync(cancellationToken);
        return await Views(db.ContentApiKeys.Where(k => k.Id == key.Id)).SingleAsync(cancellationToken);
    }

    /// <summary>The active Admin API key with this id, or null.</summary>
    public Task<AdminApiKey?> FindAdminAsync(string id, CancellationToken cancellationToken = default) =>
        id.Length == ContentApiKey.AdminIdLength
            ? db.ContentApiKeys.AsNoTracking().Where(k => k.Secret == id && k.RevokedAt == null && k.AdminRole != null)
                .Select(k => new AdminApiKey(k.Id, k.Name, k.AdminSecret!, k.AdminRole!.Value)).SingleOrDefaultAsync(cancellationToken)
            : Task.FromResult<AdminApiKey?>(null);

    /// <param name="idOrSecret">The key's number, or the key itself.</param>
    /// <exception cref="NotFoundException">No key has that number or value.</exception>
    /// <exception cref="WorkflowException">The key was already revoked.</exception>
    public async Task<ContentApiKeyView> RevokeAsync(Actor actor, string idOrSecret, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "revoke Content API keys");
        idOrSecret = (idOrSecret ?? "").Trim();
        var id = int.TryParse(idOrSecret, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 0;
        var publicId = idOrSecret.Split(':')[0];
        var key = await db.ContentApiKeys.SingleOrDefaultAsync(k => k.Id == id || k.Secret == publicId, cancellationToken)
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
            ? db.ContentApiKeys.AnyAsync(k => k.Secret == secret && k.RevokedAt == null && k.AdminRole == null, cancellationToken)
            : Task.FromResult(false);

    /// <summary>The name and the last characters of the key: enough to tell keys apart in the audit log.</summary>
    private static string Describe(ContentApiKey key) => $"{key.Name} (…{key.Secret[^4..]})";

    private IQueryable<ContentApiKeyView> Views(IQueryable<ContentApiKey> keys) =>
        keys.AsNoTracking().Select(k => new ContentApiKeyView(k.Id, k.Name, k.AdminRole == null ? k.Secret : k.Secret + ":" + k.AdminSecret, k.CreatedAt,
            db.Staff.Where(s => s.Id == k.CreatedById).Select(s => s.Name).FirstOrDefault(), k.RevokedAt, k.AdminRole));
}
