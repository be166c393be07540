using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Masthead.Core.Storage;

/// <summary>How many rows of one table were copied.</summary>
public sealed record TableCopy(string Table, int Rows);

/// <summary>
/// Copies every row of a Masthead database into another, empty one on any provider, keeping every id, so a
/// publication can move from SQLite to PostgreSQL whole. Runs in the target's current transaction, if any.
/// </summary>
public static class DatabaseCopier
{
    private const int BatchSize = 500;

    private static readonly MethodInfo CopyTableMethod =
        typeof(DatabaseCopier).GetMethod(nameof(CopyTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <exception cref="DatabaseNotEmptyException">The target already holds a publication's content.</exception>
    public static async Task<IReadOnlyList<TableCopy>> CopyAsync(MastheadDb source, MastheadDb target, CancellationToken cancellationToken = default)
    {
        var occupied = await OccupiedTablesAsync(target, cancellationToken);
        if (occupied.Count > 0)
        {
            throw new DatabaseNotEmptyException(occupied);
        }

        // The rows the schema starts with (the first settings, the first newsletters) give way to the publication's.
        await target.Publication.ExecuteDeleteAsync(cancellationToken);
        await target.Newsletters.ExecuteDeleteAsync(cancellationToken);
        target.ChangeTracker.AutoDetectChangesEnabled = false;
        target.TracksMediaUses = false; // the uses are copied with everything else
        var copies = new List<TableCopy>();
        foreach (var type in InDependencyOrder(target.Model))
        {
            var copy = (Task<int>)CopyTableMethod.MakeGenericMethod(type.ClrType).Invoke(null, [source, target, cancellationToken])!;
            copies.Add(new TableCopy(type.GetTableName() ?? type.ClrType.Name, await copy));
        }

        return copies;
    }

    /// <summary>Tables, in an order where every row's foreign keys point at rows already copied.</summary>
    public static IReadOnlyList<IEntityType> InDependencyOrder(IModel model)
    {
        var remaining = model.GetEntityTypes().Where(t => !t.IsOwned() && t.GetTableName() is not null).ToList();
        var ordered = new List<IEntityType>();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(t => t.GetForeignKeys()
                .All(fk => fk.PrincipalEntityType == t || ordered.Contains(fk.PrincipalEntityType) || fk.PrincipalEntityType.IsOwned())).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException($"The foreign keys of {string.Join(", ", remaining.Select(t => t.GetTableName()))} form a cycle.");
            }

            ordered.AddRange(ready.OrderBy(t => t.GetTableName(), StringComparer.Ordinal));
            remaining.RemoveAll(ready.Contains);
        }

        return ordered;
    }

    private static async Task<List<string>> OccupiedTablesAsync(MastheadDb db, CancellationToken cancellationToken)
    {
        var occupied = new List<string>();
        foreach (var (table, rows) in new (string, IQueryable<object>)[]
        {
            ("Articles", db.Articles), ("Staff", db.Staff), ("Sections", db.Sections), ("Tags", db.Tags), ("StaticPages", db.StaticPages),
        })
        {
            if (await rows.AnyAsync(cancellationToken))
            {
                occupied.Add(table);
            }
        }

        return occupied;
    }

    private static async Task<int> CopyTableAsync<T>(MastheadDb source, MastheadDb target, CancellationToken cancellationToken)
        where T : class
    {
        var rows = 0;
        await foreach (var row in source.Set<T>().AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            target.Set<T>().Add(row);
            if (++rows % BatchSize == 0)
            {
                await target.SaveChangesAsync(cancellationToken);
                target.ChangeTracker.Clear();
            }
        }

        await target.SaveChangesAsync(cancellationToken);
        target.ChangeTracker.Clear();
        return rows;
    }
}

public sealed class DatabaseNotEmptyException(IReadOnlyList<string> tables)
    : Exception($"The target database already holds content (in {string.Join(", ", tables)}); copying only goes into an empty database.");
