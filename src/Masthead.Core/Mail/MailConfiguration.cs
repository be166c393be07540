using Masthead.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Mail;

internal sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> mail)
    {
        mail.ToTable("Outbox");
        mail.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        mail.Property(m => m.State).HasConversion<string>().HasMaxLength(10);
        mail.Property(m => m.ToAddress).HasMaxLength(OutgoingMail.MaxAddressLength);
        mail.Property(m => m.ToName).HasMaxLength(OutgoingMail.MaxNameLength);
        mail.Property(m => m.ReplyToAddress).HasMaxLength(OutgoingMail.MaxAddressLength);
        mail.Property(m => m.ReplyToName).HasMaxLength(OutgoingMail.MaxNameLength);
        mail.Property(m => m.Subject).HasMaxLength(OutgoingMail.MaxSubjectLength);
        mail.Property(m => m.LastResult).HasMaxLength(OutgoingMail.MaxErrorLength);
        mail.Property(m => m.ListUnsubscribeUrl).HasMaxLength(OutgoingMail.MaxUrlLength);
        mail.HasIndex(m => new { m.NewsletterSendId, m.State });
        // The sender looks for what is due, and for claims left unsettled, by state and time.
        mail.HasIndex(m => new { m.State, m.NextAttemptAt });
        mail.HasIndex(m => new { m.State, m.ClaimedUntil });
        mail.HasIndex(m => m.ClaimToken);
        mail.HasIndex(m => m.QueuedAt);
    }
}

internal sealed class NotificationOptOutConfiguration : IEntityTypeConfiguration<NotificationOptOut>
{
    public void Configure(EntityTypeBuilder<NotificationOptOut> optOut)
    {
        optOut.ToTable("NotificationOptOuts");
        optOut.HasKey(o => new { o.StaffMemberId, o.Notification });
        optOut.Property(o => o.Notification).HasConversion<string>().HasMaxLength(30);
        optOut.HasOne<StaffMember>().WithMany().HasForeignKey(o => o.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MailSettingsConfiguration : IEntityTypeConfiguration<MailSettings>
{
    public void Configure(EntityTypeBuilder<MailSettings> settings)
    {
        settings.ToTable("MailSettings");
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.Host).HasMaxLength(MailSettings.MaxHostLength);
        settings.Property(s => s.Security).HasConversion<string>().HasMaxLength(10);
        settings.Property(s => s.UserName).HasMaxLength(MailSettings.MaxUserNameLength);
        settings.Property(s => s.Password).HasMaxLength(MailSettings.MaxPasswordLength);
        settings.Property(s => s.FromAddress).HasMaxLength(OutgoingMail.MaxAddressLength);
        settings.Property(s => s.FromName).HasMaxLength(OutgoingMail.MaxNameLength);
    }
}
