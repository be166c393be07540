using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Contact;

internal sealed class ContactMessageConfiguration : IEntityTypeConfiguration<ContactMessage>
{
    public void Configure(EntityTypeBuilder<ContactMessage> message)
    {
        message.Property(m => m.Name).HasMaxLength(ContactMessage.MaxNameLength);
        message.Property(m => m.Email).HasMaxLength(ContactMessage.MaxEmailLength);
        message.Property(m => m.Subject).HasMaxLength(ContactMessage.MaxSubjectLength);
        message.Property(m => m.Body).HasMaxLength(ContactMessage.MaxBodyLength);
        message.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        message.HasIndex(m => new { m.Status, m.ReceivedAt });
    }
}
