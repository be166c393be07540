using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Publication;

internal sealed class PublicationSettingsConfiguration : IEntityTypeConfiguration<PublicationSettings>
{
    public void Configure(EntityTypeBuilder<PublicationSettings> settings)
    {
        settings.ToTable("Publication");
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.Name).HasMaxLength(200);
        settings.Property(s => s.Tagline).HasMaxLength(300);
        settings.Property(s => s.ContactPrompt).HasMaxLength(200);
        settings.Property(s => s.ContactEmail).HasMaxLength(320);
        settings.Property(s => s.Description).HasMaxLength(1000);
        settings.Property(s => s.BaseUrl).HasMaxLength(500);
        settings.Property(s => s.Language).HasMaxLength(35);
        settings.Property(s => s.TimeZone).HasMaxLength(100);
        settings.Property(s => s.LogoUrl).HasMaxLength(2000);
        settings.Property(s => s.NotesPosition).HasConversion<string>().HasMaxLength(10);
        settings.Property(s => s.FeedContent).HasConversion<string>().HasMaxLength(10);
        settings.Property(s => s.SetupTokenHash).HasMaxLength(100);
        settings.HasData(new PublicationSettings { Id = PublicationSettings.SingletonId, LastModifiedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
    }
}
