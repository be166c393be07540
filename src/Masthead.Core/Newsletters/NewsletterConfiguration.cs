using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Newsletters;

internal sealed class NewsletterConfiguration : IEntityTypeConfiguration<Newsletter>
{
    public void Configure(EntityTypeBuilder<Newsletter> newsletter)
    {
        newsletter.ToTable("Newsletters");
        newsletter.Property(n => n.Slug).HasMaxLength(Newsletter.MaxSlugLength);
        newsletter.HasIndex(n => n.Slug).IsUnique();
        newsletter.Property(n => n.Name).HasMaxLength(Newsletter.MaxNameLength);
        newsletter.Property(n => n.Description).HasMaxLength(Newsletter.MaxDescriptionLength);
        newsletter.Property(n => n.Kind).HasConversion<string>().HasMaxLength(10);
        newsletter.Property(n => n.Schedule).HasConversion<string>().HasMaxLength(10);
        newsletter.Property(n => n.SendDay).HasConversion<string>().HasMaxLength(10);
        newsletter.Property(n => n.SectionIds).HasMaxLength(500);
        newsletter.Ignore(n => n.FeedingSections);
        newsletter.HasData(
            new Newsletter
            {
                Id = 1,
                Slug = "daily-briefing",
                Name = "The daily briefing",
                Description = "The day's most important stories, every morning.",
                Kind = NewsletterKind.Briefing,
                Schedule = NewsletterSchedule.Daily,
                SendHour = 7,
                IsDefault = true,
                Position = 1,
            },
            new Newsletter
            {
                Id = 2,
                Slug = "weekly-digest",
                Name = "The weekly digest",
                Description = "The week's best reporting, on Saturday mornings.",
                Kind = NewsletterKind.Briefing,
                Schedule = NewsletterSchedule.Weekly,
                SendHour = 8,
                SendDay = DayOfWeek.Saturday,
                Position = 2,
            },
            new Newsletter
            {
                Id = Newsletter.AlertsId,
                Slug = "breaking-news",
                Name = "Breaking news alerts",
                Description = "A short email the moment something important happens.",
                Kind = NewsletterKind.Alerts,
                Schedule = NewsletterSchedule.None,
                IsDefault = true,
                Position = 3,
            });
    }
}

internal sealed class SubscriberConfiguration : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> subscriber)
    {
        subscriber.ToTable("Subscribers");
        subscriber.Property(s => s.Email).HasMaxLength(Subscriber.MaxEmailLength);
        subscriber.Property(s => s.NormalizedEmail).HasMaxLength(Subscriber.MaxEmailLength);
        subscriber.HasIndex(s => s.NormalizedEmail).IsUnique();
        subscriber.Property(s => s.Name).HasMaxLength(Subscriber.MaxNameLength);
        subscriber.Property(s => s.LinkKey).HasMaxLength(64);
        subscriber.HasIndex(s => s.CreatedAt);
        subscriber.HasIndex(s => s.ConfirmedAt);
        subscriber.HasMany(s => s.Subscriptions).WithOne().HasForeignKey(s => s.SubscriberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> subscription)
    {
        subscription.ToTable("Subscriptions");
        subscription.HasKey(s => new { s.SubscriberId, s.NewsletterId });
        subscription.HasOne<Newsletter>().WithMany().HasForeignKey(s => s.NewsletterId).OnDelete(DeleteBehavior.Cascade);
        // A send reads the newsletter's current subscribers in id order, batch after batch.
        subscription.HasIndex(s => new { s.NewsletterId, s.UnsubscribedAt, s.SubscriberId });
    }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> consent)
    {
        consent.ToTable("ConsentRecords");
        consent.Property(c => c.Action).HasConversion<string>().HasMaxLength(15);
        consent.Property(c => c.Source).HasMaxLength(ConsentRecord.MaxSourceLength);
        consent.Property(c => c.Newsletters).HasMaxLength(1000);
        consent.Property(c => c.ClientAddress).HasMaxLength(64);
        consent.HasOne<Subscriber>().WithMany().HasForeignKey(c => c.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        consent.HasIndex(c => new { c.SubscriberId, c.At });
    }
}

internal sealed class NewsletterSendConfiguration : IEntityTypeConfiguration<NewsletterSend>
{
    public void Configure(EntityTypeBuilder<NewsletterSend> send)
    {
        send.ToTable("NewsletterSends");
        send.Property(s => s.UniqueKey).HasMaxLength(NewsletterSend.MaxKeyLength);
        // A double click, a second node or a second press of "Send as alert" finds this taken and sends nothing.
        send.HasIndex(s => s.UniqueKey).IsUnique();
        send.Property(s => s.Subject).HasMaxLength(NewsletterSend.MaxSubjectLength);
        send.Property(s => s.IntroMarkdown).HasMaxLength(NewsletterSend.MaxIntroLength);
        send.Property(s => s.ArticleIds).HasMaxLength(1000);
        send.Property(s => s.SentByName).HasMaxLength(200);
        send.Property(s => s.State).HasConversion<string>().HasMaxLength(10);
        send.Ignore(s => s.Articles);
        send.HasOne(s => s.Newsletter).WithMany().HasForeignKey(s => s.NewsletterId).OnDelete(DeleteBehavior.Restrict);
        send.HasIndex(s => new { s.State, s.NotBefore });
        send.HasIndex(s => s.CreatedAt);
        send.HasIndex(s => s.LiveUpdateId);
    }
}

internal sealed class SendDeliveryConfiguration : IEntityTypeConfiguration<SendDelivery>
{
    public void Configure(EntityTypeBuilder<SendDelivery> delivery)
    {
        delivery.ToTable("SendDeliveries");
        delivery.HasKey(d => new { d.SendId, d.SubscriberId });
        delivery.HasOne<NewsletterSend>().WithMany().HasForeignKey(d => d.SendId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasOne<Subscriber>().WithMany().HasForeignKey(d => d.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasIndex(d => d.SubscriberId);
    }
}
