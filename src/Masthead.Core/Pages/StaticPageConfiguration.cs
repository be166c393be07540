using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Pages;

internal sealed class StaticPageConfiguration : IEntityTypeConfiguration<StaticPage>
{
    public void Configure(EntityTypeBuilder<StaticPage> page)
    {
        page.Property(p => p.Slug).HasMaxLength(Text.Slugs.MaxLength);
        page.HasIndex(p => p.Slug).IsUnique();
        page.Property(p => p.Title).HasMaxLength(StaticPage.MaxTitleLength);
        page.Property(p => p.BodyMarkdown).HasMaxLength(StaticPage.MaxBodyLength);
        page.Property(p => p.Role).HasConversion<string>().HasMaxLength(30);
    }
}
