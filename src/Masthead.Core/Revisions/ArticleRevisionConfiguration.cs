using Masthead.Core.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Revisions;

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> revision)
    {
        revision.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
        revision.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        revision.Property(r => r.SavedByName).HasMaxLength(200);
        revision.Property(r => r.Note).HasMaxLength(ArticleRevision.MaxNoteLength);
        revision.Property(r => r.Headline).HasMaxLength(Article.MaxHeadlineLength);
        revision.Property(r => r.Slug).HasMaxLength(Text.Slugs.MaxLength);
        revision.Property(r => r.Standfirst).HasMaxLength(Article.MaxStandfirstLength);
        revision.Property(r => r.BodyMarkdown).HasMaxLength(Article.MaxBodyLength);
        revision.Property(r => r.TagIds).HasMaxLength(2000);
        revision.Property(r => r.AuthorIds).HasMaxLength(500);
        revision.Property(r => r.LeadImageUrl).HasMaxLength(Text.ImageAddress.MaxLength);
        revision.Property(r => r.LeadImageAlt).HasMaxLength(LeadImage.MaxAltLength);
        revision.Property(r => r.LeadImageCaption).HasMaxLength(LeadImage.MaxCaptionLength);
        revision.Property(r => r.LeadImageCredit).HasMaxLength(LeadImage.MaxCreditLength);
    }
}
