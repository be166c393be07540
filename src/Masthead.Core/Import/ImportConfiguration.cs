using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Import;

internal sealed class ImportedItemConfiguration : IEntityTypeConfiguration<ImportedItem>
{
    public void Configure(EntityTypeBuilder<ImportedItem> item)
    {
        item.Property(i => i.Source).HasMaxLength(ImportedItem.MaxSourceLength);
        item.Property(i => i.SourceId).HasMaxLength(ImportedItem.MaxSourceIdLength);
        item.HasIndex(i => new { i.Source, i.Kind, i.SourceId }).IsUnique();
    }
}

internal sealed class ImportedAddressConfiguration : IEntityTypeConfiguration<ImportedAddress>
{
    public void Configure(EntityTypeBuilder<ImportedAddress> address)
    {
        address.Property(a => a.Path).HasMaxLength(ImportedAddress.MaxPathLength);
        address.HasIndex(a => a.Path).IsUnique();
    }
}
