using Masthead.Core.Articles;
using Masthead.Core.People;
using Masthead.Core.Publication;
using Masthead.Core.Sections;
using Masthead.Core.Tags;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Core.Storage;

/// <summary>The publication's database, the same model on every provider.</summary>
public class MastheadDb(DbContextOptions<MastheadDb> options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleAuthor> ArticleAuthors => Set<ArticleAuthor>();
    public DbSet<ArticleTag> ArticleTags => Set<ArticleTag>();
    public DbSet<ArticleRedirect> ArticleRedirects => Set<ArticleRedirect>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<PublicationSettings> Publication => Set<PublicationSettings>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MastheadDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
