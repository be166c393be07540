using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Navigation;

internal sealed class MenuItemConfiguration : IEntityTypeConfiguration<MenuItem>
{
    public void Configure(EntityTypeBuilder<MenuItem> item)
    {
        item.Property(i => i.Menu).HasConversion<string>().HasMaxLength(10);
        item.Property(i => i.Kind).HasConversion<string>().HasMaxLength(10);
        item.Property(i => i.Url).HasMaxLength(MenuItem.MaxUrlLength);
        item.Property(i => i.Label).HasMaxLength(MenuItem.MaxLabelLength);
        item.HasIndex(i => new { i.Menu, i.Position });
        item.HasOne(i => i.Section).WithMany().HasForeignKey(i => i.SectionId).OnDelete(DeleteBehavior.Cascade);
        item.HasOne(i => i.Tag).WithMany().HasForeignKey(i => i.TagId).OnDelete(DeleteBehavior.Cascade);
        item.HasOne(i => i.StaticPage).WithMany().HasForeignKey(i => i.StaticPageId).OnDelete(DeleteBehavior.Cascade);
    }
}
