using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditLog");
        entry.Property(e => e.ActorName).HasMaxLength(200);
        entry.Property(e => e.Action).HasMaxLength(50);
        entry.Property(e => e.Details).HasMaxLength(AuditEntry.MaxDetailsLength);
        // The log is read newest first by (At, Id), all of it or narrowed to one person or one action (see
        // AuditQueries): each way has an index in that order, so a page is a short range read at any depth.
        entry.HasIndex(e => new { e.At, e.Id });
        entry.HasIndex(e => new { e.ActorId, e.At, e.Id });
        entry.HasIndex(e => new { e.Action, e.At, e.Id });
        entry.HasIndex(e => e.ArticleId);
    }
}
