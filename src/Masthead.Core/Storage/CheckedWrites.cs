using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Storage;

/// <summary>
/// For a change that checks that a value is free (a slug, a name, an email address) and then writes it, or that
/// changes a row it has just read. Two such changes at the same moment can both pass the check, and the database then
/// refuses the later one: its unique index is taken, or the row it read is gone. The change is then run again from
/// the start, in a fresh unit of work: its check now sees what the other wrote and refuses with the usual message
/// (or, where the change picks a free value itself, picks another), and a row deleted meanwhile is not found.
/// </summary>
internal static class CheckedWrites
{
    private const int Attempts = 3;

    public static async Task<T> CheckAgainIfRacedAsync<T>(this MastheadDb db, Func<Task<T>> change)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await change(); // a failed statement spoils the caller's transaction: only the caller can start again
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await change();
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public static Task CheckAgainIfRacedAsync(this MastheadDb db, Func<Task> change) =>
        db.CheckAgainIfRacedAsync(async () =>
        {
            await change();
            return true;
        });
}
