using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Articles;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.Property(a => a.Slug).HasMaxLength(Text.Slugs.MaxLength);
        article.HasIndex(a => a.Slug).IsUnique();
        article.HasIndex(a => a.Uuid).IsUnique();
        article.Property(a => a.Headline).HasMaxLength(Article.MaxHeadlineLength);
        article.Property(a => a.Standfirst).HasMaxLength(Article.MaxStandfirstLength);
        article.Property(a => a.BodyMarkdown).HasMaxLength(Article.MaxBodyLength);
        article.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        // UrlDate rides along so that counting and listing published articles never reads a row: in SQLite the
        // columns after the bodies are reached only through the bodies' overflow pages.
        article.HasIndex(a => new { a.Status, a.PublishedAt, a.UrlDate });
        article.HasIndex(a => new { a.SectionId, a.Status, a.PublishedAt, a.UrlDate });
        article.HasIndex(a => new { a.Status, a.ScheduledFor });
        article.Property(a => a.ReviewComment).HasMaxLength(Article.MaxReviewCommentLength);
        article.Property(a => a.Version).IsConcurrencyToken();
        article.Property(a => a.Coverage).HasConversion<string>().HasMaxLength(10);
        article.HasOne<People.StaffMember>().WithMany().HasForeignKey(a => a.CreatedById).OnDelete(DeleteBehavior.SetNull);
        article.HasOne(a => a.Section).WithMany().OnDelete(DeleteBehavior.SetNull);
        article.OwnsOne(a => a.LeadImage, image =>
        {
            image.Property(i => i.Url).HasColumnName("LeadImageUrl").HasMaxLength(Text.ImageAddress.MaxLength);
            image.Property(i => i.Alt).HasColumnName("LeadImageAlt").HasMaxLength(LeadImage.MaxAltLength);
            image.Property(i => i.Caption).HasColumnName("LeadImageCaption").HasMaxLength(LeadImage.MaxCaptionLength);
            image.Property(i => i.Credit).HasColumnName("LeadImageCredit").HasMaxLength(LeadImage.MaxCreditLength);
        });
        article.Navigation(a => a.LeadImage).IsRequired(false);
        article.OwnsOne(a => a.SearchAndSocial, overrides =>
        {
            overrides.Property(o => o.SearchTitle).HasColumnName("SearchTitle").HasMaxLength(SearchAndSocial.MaxSearchTitle);
            overrides.Property(o => o.SearchDescription).HasColumnName("SearchDescription").HasMaxLength(SearchAndSocial.MaxDescription);
            overrides.Property(o => o.SocialTitle).HasColumnName("SocialTitle").HasMaxLength(SearchAndSocial.MaxSocialTitle);
            overrides.Property(o => o.SocialDescription).HasColumnName("SocialDescription").HasMaxLength(SearchAndSocial.MaxDescription);
            overrides.Property(o => o.SocialImageUrl).HasColumnName("SocialImageUrl").HasMaxLength(SearchAndSocial.MaxUrl);
            overrides.Property(o => o.CanonicalUrl).HasColumnName("CanonicalUrl").HasMaxLength(SearchAndSocial.MaxUrl);
            overrides.Property(o => o.HideFromSearchEngines).HasColumnName("HideFromSearchEngines");
        });
        article.Navigation(a => a.SearchAndSocial).IsRequired();
    }
}

internal sealed class ArticleAuthorConfiguration : IEntityTypeConfiguration<ArticleAuthor>
{
    public void Configure(EntityTypeBuilder<ArticleAuthor> byline)
    {
        byline.HasKey(b => new { b.ArticleId, b.StaffMemberId });
        byline.HasIndex(b => b.StaffMemberId);
        byline.HasOne(b => b.Article).WithMany(a => a.Authors).OnDelete(DeleteBehavior.Cascade);
        byline.HasOne(b => b.StaffMember).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ArticleTagConfiguration : IEntityTypeConfiguration<ArticleTag>
{
    public void Configure(EntityTypeBuilder<ArticleTag> link)
    {
        link.HasKey(t => new { t.ArticleId, t.TagId });
        link.HasIndex(t => t.TagId);
        link.HasOne(t => t.Article).WithMany(a => a.Tags).OnDelete(DeleteBehavior.Cascade);
        link.HasOne(t => t.Tag).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArticleRedirectConfiguration : IEntityTypeConfiguration<ArticleRedirect>
{
    public void Configure(EntityTypeBuilder<ArticleRedirect> redirect)
    {
        redirect.Property(r => r.Path).HasMaxLength(400);
        redirect.HasIndex(r => r.Path).IsUnique();
        redirect.HasOne(r => r.Article).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}
