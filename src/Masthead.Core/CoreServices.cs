using Masthead.Core.Articles;
using Masthead.Core.Audit;
using Masthead.Core.Contact;
using Masthead.Core.ContentApi;
using Masthead.Core.Corrections;
using Masthead.Core.Demo;
using Masthead.Core.Media;
using Masthead.Core.Media.Processing;
using Masthead.Core.Pages;
using Masthead.Core.People;
using Masthead.Core.Publication;
using Masthead.Core.Publishing;
using Masthead.Core.Revisions;
using Masthead.Core.Sections;
using Masthead.Core.SignIn;
using Masthead.Core.SiteData;
using Masthead.Core.Storage;
using Masthead.Core.Tags;
using Masthead.Core.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Masthead.Core;

public static class CoreServices
{
    /// <summary>The newsroom's services; the database provider is added separately.</summary>
    public static IServiceCollection AddMastheadCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<Text.Blocks.BodyOptionsService>();
        services.AddSingleton<PublicationCache>();
        services.AddSingleton<SiteDataCache>();
        services.AddScoped<SiteDataService>();
        services.AddSingleton<FrontPage.FrontPageCache>();
        services.AddScoped<FrontPage.FrontPageService>();
        services.AddScoped<FrontPage.FrontPageQueries>();
        services.AddScoped<Navigation.MenuService>();
        services.AddSingleton<PublishedCounts>();
        services.AddSingleton<NewestInList>();
        services.AddSingleton<Banner.BannerCache>();
        services.AddScoped<Banner.BannerQueries>();
        services.AddScoped<Banner.BannerService>();
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<PublicationService>();
        services.AddScoped<ArticleQueries>();
        services.AddScoped<ArticleService>();
        services.AddScoped<StaffService>();
        services.AddScoped<StaffAccountService>();
        services.AddScoped<SignInService>();
        services.AddScoped<ThrottledAttempts>();
        services.AddScoped<SecondFactors.SecondFactorService>();
        services.AddScoped<SecondFactors.SecondStepService>();
        services.AddScoped<StaffSessionService>();
        services.AddSingleton<StaffSessionCache>();
        services.AddSingleton<StandInPasswordHash>();
        services.AddScoped<SectionService>();
        services.AddScoped<TagService>();
        services.AddScoped<Import.ImportWriter>();
        services.AddScoped<Import.ImportedAddresses>();
        services.AddScoped<Import.WordPress.WordPressImporter>();
        services.AddScoped<Import.Ghost.GhostImporter>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<PublishingService>();
        services.AddScoped<NewsroomQueries>();
        services.AddScoped<RevisionService>();
        services.AddScoped<ArticleNoteService>();
        services.AddScoped<EditorialNotes.EditorialNoteService>();
        services.AddScoped<Autosaves.AutosaveService>();
        services.AddScoped<StaticPageService>();
        services.AddScoped<ContactService>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<ArticleEditorQueries>();
        services.AddScoped<ArticleChangeQueries>();
        services.AddScoped<Live.LiveService>();
        services.AddScoped<Live.LiveQueries>();
        services.AddContentApiQueries();
        services.TryAddSingleton(MediaLimits.Default);
        services.AddSingleton<ImageProcessor>();
        services.AddSingleton<MediaCatalog>();
        services.AddScoped<MediaLookup>();
        services.AddScoped<MediaQueries>();
        services.AddScoped<MediaService>();
        services.AddScoped<DemoImageImport>();
        services.AddSingleton<ProtectionKeys>();
        services.AddScoped<Mail.MailQueue>();
        services.AddScoped<Mail.NewsroomNotifications>();
        services.AddScoped<Mail.AccountMail>();
        services.AddScoped<Mail.Outbox>();
        services.AddScoped<Mail.OutboxQueries>();
        services.AddScoped<Mail.MailSettingsService>();
        services.AddScoped<Mail.NotificationPreferences>();
        services.AddScoped<PasswordResetService>();
        services.AddScoped<SignInEmailService>();
        return services;
    }
}
