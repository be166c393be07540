using Masthead.Core.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Banner;

internal sealed class SiteBannerConfiguration : IEntityTypeConfiguration<SiteBanner>
{
    public void Configure(EntityTypeBuilder<SiteBanner> banner)
    {
        banner.ToTable("SiteBanners");
        banner.Property(b => b.Label).HasMaxLength(SiteBanner.MaxLabelLength);
        banner.Property(b => b.Text).HasMaxLength(SiteBanner.MaxTextLength);
        banner.Property(b => b.RaisedByName).HasMaxLength(200);
        banner.Property(b => b.LoweredBy).HasMaxLength(200);
        banner.HasOne<Article>().WithMany().HasForeignKey(b => b.ArticleId).OnDelete(DeleteBehavior.SetNull);
        banner.HasOne<People.StaffMember>().WithMany().HasForeignKey(b => b.RaisedById).OnDelete(DeleteBehavior.SetNull);
        banner.HasIndex(b => b.LoweredAt);
    }
}
