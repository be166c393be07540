using Masthead.Core.Articles;
using Masthead.Core.Publishing;
using Masthead.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Audit;

public sealed record AuditView(long Id, DateTime At, string ActorName, string Action, int? ArticleId, string Details);

public sealed class AuditQueries(MastheadDb db)
{
    public async Task<Page<AuditView>> ListAsync(Actor actor, int pageNumber, int pageSize, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanAdminister(actor), "read the audit log");
        var total = await db.AuditLog.CountAsync(cancellationToken);
        var skip = (pageNumber - 1) * pageSize;
        var items = await db.AuditLog.AsNoTracking().OrderByDescending(e => e.Id)
            .Skip(skip).Take(pageSize)
            .Select(e => new AuditView(e.Id, e.At, e.ActorName, e.Action, e.ArticleId, e.Details))
            .ToListAsync(cancellationToken);
        return new Page<AuditView>(items, pageNumber, pageSize, total);
    }
}
