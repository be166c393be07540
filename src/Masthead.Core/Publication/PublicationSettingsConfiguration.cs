using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Publication;

internal sealed class PublicationSettingsConfiguration : IEntityTypeConfiguration<PublicationSettings>
{
    public void Configure(EntityTypeBuilder<PublicationSettings> settings)
    {
        settings.ToTable("Publication");
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.Name).HasMaxLength(PublicationSettings.MaxNameLength);
        settings.Property(s => s.Tagline).HasMaxLength(PublicationSettings.MaxTaglineLength);
        settings.Property(s => s.ContactPrompt).HasMaxLength(PublicationSettings.MaxContactPromptLength);
        settings.Property(s => s.ContactEmail).HasMaxLength(PublicationSettings.MaxContactEmailLength);
        settings.Property(s => s.Description).HasMaxLength(PublicationSettings.MaxDescriptionLength);
        settings.Property(s => s.BaseUrl).HasMaxLength(PublicationSettings.MaxBaseUrlLength);
        settings.Property(s => s.Language).HasMaxLength(PublicationSettings.MaxLanguageLength);
        settings.Property(s => s.TimeZone).HasMaxLength(PublicationSettings.MaxTimeZoneLength);
        settings.Property(s => s.EmbedHosts).HasMaxLength(PublicationSettings.MaxEmbedHostsLength).HasDefaultValue("");
        settings.Property(s => s.LogoUrl).HasMaxLength(Text.ImageAddress.MaxLength);
        settings.Property(s => s.NotesPosition).HasConversion<string>().HasMaxLength(10);
        settings.Property(s => s.FeedContent).HasConversion<string>().HasMaxLength(10);
        settings.Property(s => s.SetupTokenHash).HasMaxLength(100);
        settings.HasData(new PublicationSettings { Id = PublicationSettings.SingletonId, LastModifiedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
    }
}
