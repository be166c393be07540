using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.Contact;
using Masthead.Core.ContentApi;
using Masthead.Core.Corrections;
using Masthead.Core.Events;
using Masthead.Core.FrontPage;
using Masthead.Core.Live;
using Masthead.Core.Mail;
using Masthead.Core.Media;
using Masthead.Core.Navigation;
using Masthead.Core.Pages;
using Masthead.Core.People;
using Masthead.Core.Publication;
using Masthead.Core.Revisions;
using Masthead.Core.SecondFactors;
using Masthead.Core.Sections;
using Masthead.Core.SignIn;
using Masthead.Core.Tags;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Storage;

/// <summary>
/// The publication's database, the same model on every provider. It also holds the keys that protect sign-in
/// cookies and antiforgery tokens, so every node behind a load balancer reads the same ones.
/// </summary>
public class MastheadDb(DbContextOptions<MastheadDb> options) : IdentityUserContext<StaffAccount, int>(options), IDataProtectionKeyContext
{
    internal PendingChanges Pending { get; } = new();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleAuthor> ArticleAuthors => Set<ArticleAuthor>();
    public DbSet<ArticleTag> ArticleTags => Set<ArticleTag>();
    public DbSet<ArticleRedirect> ArticleRedirects => Set<ArticleRedirect>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<PublicationSettings> Publication => Set<PublicationSettings>();
    public DbSet<ArticleRevision> Revisions => Set<ArticleRevision>();
    public DbSet<ArticleNote> ArticleNotes => Set<ArticleNote>();
    public DbSet<StaticPage> StaticPages => Set<StaticPage>();
    public DbSet<ContactMessage> ContactMessages => Set<ContactMessage>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<LiveUpdate> LiveUpdates => Set<LiveUpdate>();
    public DbSet<LiveEvent> LiveEvents => Set<LiveEvent>();
    public DbSet<ContentApiKey> ContentApiKeys => Set<ContentApiKey>();
    public DbSet<FrontPageSlot> FrontPageSlots => Set<FrontPageSlot>();
    public DbSet<FrontPageBlock> FrontPageBlocks => Set<FrontPageBlock>();
    public DbSet<MenuItem> MenuItems => Set<MenuItem>();
    public DbSet<Banner.SiteBanner> SiteBanners => Set<Banner.SiteBanner>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<SignInAttempt> SignInAttempts => Set<SignInAttempt>();
    public DbSet<StaffAuthenticator> StaffAuthenticators => Set<StaffAuthenticator>();
    public DbSet<StaffRecoveryCode> StaffRecoveryCodes => Set<StaffRecoveryCode>();
    public DbSet<MediaItem> MediaItems => Set<MediaItem>();
    public DbSet<MediaVariant> MediaVariants => Set<MediaVariant>();
    public DbSet<MediaUse> MediaUses => Set<MediaUse>();
    public DbSet<EditorialNotes.EditorialThread> EditorialThreads => Set<EditorialNotes.EditorialThread>();
    public DbSet<EditorialNotes.EditorialNote> EditorialNotes => Set<EditorialNotes.EditorialNote>();
    public DbSet<Autosaves.Autosave> Autosaves => Set<Autosaves.Autosave>();
    public DbSet<OutgoingMail> Outbox => Set<OutgoingMail>();
    public DbSet<NotificationOptOut> NotificationOptOuts => Set<NotificationOptOut>();
    public DbSet<MailSettings> MailSettings => Set<MailSettings>();
    public DbSet<Newsletters.Newsletter> Newsletters => Set<Newsletters.Newsletter>();
    public DbSet<Newsletters.Subscriber> Subscribers => Set<Newsletters.Subscriber>();
    public DbSet<Newsletters.Subscription> Subscriptions => Set<Newsletters.Subscription>();
    public DbSet<Newsletters.ConsentRecord> ConsentRecords => Set<Newsletters.ConsentRecord>();
    public DbSet<Newsletters.NewsletterSend> NewsletterSends => Set<Newsletters.NewsletterSend>();
    public DbSet<Newsletters.SendDelivery> SendDeliveries => Set<Newsletters.SendDelivery>();
    public DbSet<Import.ImportedItem> ImportedItems => Set<Import.ImportedItem>();
    public DbSet<Import.ImportedAddress> ImportedAddresses => Set<Import.ImportedAddress>();

    /// <summary>
    /// Whether saving content records which media items it uses (<see cref="MediaUseTracker"/>). Off only while
    /// <see cref="DatabaseCopier"/> copies rows, uses included, exactly as they are.
    /// </summary>
    internal bool TracksMediaUses { get; set; } = true;

    /// <summary>
    /// Tells the rest of Masthead, on every node, about a change this unit of work makes, once it commits (see
    /// <see cref="ChangeEventInterceptor"/>): never before, and never if it does not.
    /// </summary>
    internal void Raise(IChangeEvent change) => Pending.Add(change, Database.CurrentTransaction?.TransactionId);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction: a new one, committed when it is done, or the caller's, when one
    /// is open already, which commits (and dispatches the events) when the caller commits it.
    /// </summary>
    internal async Task InTransactionAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is not null)
        {
            await work();
            return;
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await work();
        await transaction.CommitAsync(cancellationToken);
    }

    public override void Dispose()
    {
        Pending.Clear(); // what was never committed; a pooled context starts its next scope with nothing pending
        TracksMediaUses = true;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Pending.Clear();
        TracksMediaUses = true;
        return base.DisposeAsync();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MastheadDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
