using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Sections;

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> section)
    {
        section.Property(s => s.Slug).HasMaxLength(Text.Slugs.MaxLength);
        section.HasIndex(s => s.Slug).IsUnique();
        section.Property(s => s.Name).HasMaxLength(Section.MaxNameLength);
        section.Property(s => s.Description).HasMaxLength(Section.MaxDescriptionLength);
    }
}
