using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Media;

internal sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> item)
    {
        item.Property(m => m.Key).HasMaxLength(MediaAddresses.KeyLength);
        item.HasIndex(m => m.Key).IsUnique();
        item.Property(m => m.Kind).HasConversion<string>().HasMaxLength(10);
        item.Property(m => m.FileName).HasMaxLength(MediaFileNames.MaxLength);
        item.Property(m => m.Name).HasMaxLength(MediaFileNames.MaxLength);
        item.Property(m => m.ContentType).HasMaxLength(50);
        item.Property(m => m.ContentHash).HasMaxLength(64);
        item.HasIndex(m => m.ContentHash);
        item.HasIndex(m => m.UploadedAt);
        item.Property(m => m.Alt).HasMaxLength(MediaDetails.AltLength);
        item.Property(m => m.Caption).HasMaxLength(MediaDetails.CaptionLength);
        item.Property(m => m.Credit).HasMaxLength(MediaDetails.CreditLength);
        item.Ignore(m => m.Version);
        item.HasOne(m => m.Uploader).WithMany().HasForeignKey(m => m.UploadedById).OnDelete(DeleteBehavior.SetNull);
        item.HasMany(m => m.Variants).WithOne().HasForeignKey(v => v.MediaItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MediaVariantConfiguration : IEntityTypeConfiguration<MediaVariant>
{
    public void Configure(EntityTypeBuilder<MediaVariant> variant)
    {
        variant.Property(v => v.Path).HasMaxLength(300);
        variant.HasIndex(v => v.Path).IsUnique();
        variant.Property(v => v.Role).HasConversion<string>().HasMaxLength(12);
        variant.Property(v => v.ContentType).HasMaxLength(50);
    }
}

internal sealed class MediaUseConfiguration : IEntityTypeConfiguration<MediaUse>
{
    public void Configure(EntityTypeBuilder<MediaUse> use)
    {
        use.Property(u => u.Place).HasConversion<string>().HasMaxLength(20);
        use.HasOne<MediaItem>().WithMany().HasForeignKey(u => u.MediaItemId).OnDelete(DeleteBehavior.Cascade);
        use.HasOne(u => u.Article).WithMany().HasForeignKey(u => u.ArticleId).OnDelete(DeleteBehavior.Cascade);
        use.HasOne(u => u.StaticPage).WithMany().HasForeignKey(u => u.StaticPageId).OnDelete(DeleteBehavior.Cascade);
        use.HasOne(u => u.StaffMember).WithMany().HasForeignKey(u => u.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
