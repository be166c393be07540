using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Tags;

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> tag)
    {
        tag.Property(t => t.Slug).HasMaxLength(Text.Slugs.MaxLength);
        tag.HasIndex(t => t.Slug).IsUnique();
        tag.Property(t => t.Name).HasMaxLength(Tag.MaxNameLength);
        tag.Property(t => t.Description).HasMaxLength(Tag.MaxDescriptionLength);
    }
}
