using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Storage;

/// <summary>Brings the database schema up to date, refusing a database written by a newer Masthead.</summary>
public sealed class DatabaseMigrator(MastheadDb db, IEnumerable<IDatabaseTuning> tunings)
{
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var unknown = applied.Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new DatabaseTooNewException(unknown);
        }

        var pending = known.Except(applied).Count();
        if (pending > 0)
        {
            // Up to date, as on almost every start: EF Core's migrator (its lock, its history table) is skipped.
            await db.Database.MigrateAsync(cancellationToken);
        }

        foreach (var tuning in tunings)
        {
            await tuning.ApplyAsync(db, cancellationToken);
        }

        return new MigrationResult(WasNew: applied.Count == 0, AppliedNow: pending);
    }
}

/// <param name="WasNew">The database held no schema before: a first run.</param>
public sealed record MigrationResult(bool WasNew, int AppliedNow);

public sealed class DatabaseTooNewException(IReadOnlyList<string> unknownMigrations)
    : Exception($"The database was last written by a newer version of Masthead (it has migrations this version does not know: " +
        $"{string.Join(", ", unknownMigrations)}). Upgrade Masthead, or restore a backup made by this version.")
{
    public IReadOnlyList<string> UnknownMigrations { get; } = unknownMigrations;
}
