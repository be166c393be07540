using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.ContentApi;

internal sealed class ContentApiKeyConfiguration : IEntityTypeConfiguration<ContentApiKey>
{
    public void Configure(EntityTypeBuilder<ContentApiKey> key)
    {
        key.Property(k => k.Name).HasMaxLength(ContentApiKey.MaxNameLength);
        key.Property(k => k.Secret).HasMaxLength(ContentApiKey.SecretLength);
        key.Property(k => k.AdminSecret).HasMaxLength(ContentApiKey.AdminSecretLength);
        key.HasIndex(k => k.Secret).IsUnique();
        key.HasOne<People.StaffMember>().WithMany().HasForeignKey(k => k.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}
