using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.FrontPage;

internal sealed class FrontPageSlotConfiguration : IEntityTypeConfiguration<FrontPageSlot>
{
    public void Configure(EntityTypeBuilder<FrontPageSlot> slot)
    {
        slot.HasKey(s => s.Position);
        slot.Property(s => s.Position).ValueGeneratedNever();
        slot.HasIndex(s => s.ArticleId).IsUnique();
        slot.HasOne(s => s.Article).WithMany().HasForeignKey(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FrontPageBlockConfiguration : IEntityTypeConfiguration<FrontPageBlock>
{
    public void Configure(EntityTypeBuilder<FrontPageBlock> block)
    {
        block.HasKey(b => b.SectionId);
        block.Property(b => b.SectionId).ValueGeneratedNever();
        block.HasOne(b => b.Section).WithMany().HasForeignKey(b => b.SectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
