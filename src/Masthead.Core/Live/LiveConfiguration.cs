using Masthead.Core.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Live;

internal sealed class LiveUpdateConfiguration : IEntityTypeConfiguration<LiveUpdate>
{
    public void Configure(EntityTypeBuilder<LiveUpdate> update)
    {
        update.HasOne<Article>().WithMany().HasForeignKey(u => u.ArticleId).OnDelete(DeleteBehavior.Cascade);
        update.Property(u => u.Title).HasMaxLength(LiveUpdate.MaxTitleLength);
        update.Property(u => u.BodyMarkdown).HasMaxLength(LiveUpdate.MaxBodyLength);
        update.Property(u => u.AuthorName).HasMaxLength(200);
        update.Property(u => u.AuthorSlug).HasMaxLength(Text.Slugs.MaxLength);
        update.HasIndex(u => new { u.ArticleId, u.PostedAt });
    }
}

internal sealed class LiveEventConfiguration : IEntityTypeConfiguration<LiveEvent>
{
    public void Configure(EntityTypeBuilder<LiveEvent> liveEvent)
    {
        liveEvent.HasOne<Article>().WithMany().HasForeignKey(e => e.ArticleId).OnDelete(DeleteBehavior.Cascade);
        liveEvent.HasIndex(e => new { e.ArticleId, e.Sequence }).IsUnique();
        liveEvent.Property(e => e.Type).HasMaxLength(10);
    }
}
