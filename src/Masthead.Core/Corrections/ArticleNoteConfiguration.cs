using Masthead.Core.Articles;
using Masthead.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Corrections;

internal sealed class ArticleNoteConfiguration : IEntityTypeConfiguration<ArticleNote>
{
    public void Configure(EntityTypeBuilder<ArticleNote> note)
    {
        note.HasOne<Article>().WithMany().HasForeignKey(n => n.ArticleId).OnDelete(DeleteBehavior.Cascade);
        note.HasOne<StaffMember>().WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.SetNull);
        note.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
        note.Property(n => n.Text).HasMaxLength(4000);
        note.HasIndex(n => new { n.ArticleId, n.PublishedAt });
        note.HasIndex(n => new { n.Kind, n.PublishedAt });
    }
}
