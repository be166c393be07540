using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Articles;

/// <summary>
/// Makes the changes to one article take turns. The first statement of the change's transaction writes the article's
/// row without changing it: PostgreSQL then holds the row's lock until the transaction ends, and SQLite's transaction
/// holds the database's write lock. A second change to the same article (a colleague pressing the same button at the
/// same moment) waits there until the first has committed, and then reads what it committed; so two presses act one
/// after the other, the second seeing the first's result, instead of one failing on the copy both read.
/// </summary>
internal static class ArticleLock
{
    /// <summary>Takes the article's turn for the rest of the open transaction; call it before reading the article.</summary>
    /// <exception cref="NotFoundException">There is no such article.</exception>
    public static async Task LockArticleAsync(this MastheadDb db, int articleId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An article is locked inside the transaction of the change that needs it.");
        }

        var rows = await db.Articles.Where(a => a.Id == articleId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Version, a => a.Version), cancellationToken);
        if (rows == 0)
        {
            throw new NotFoundException($"There is no article {articleId}.");
        }
    }
}
