using Masthead.Core.Articles;
using Masthead.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.Autosaves;

internal sealed class AutosaveConfiguration : IEntityTypeConfiguration<Autosave>
{
    public void Configure(EntityTypeBuilder<Autosave> autosave)
    {
        autosave.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        autosave.HasOne<Article>().WithMany().HasForeignKey(a => a.ArticleId).OnDelete(DeleteBehavior.Cascade);
        autosave.Property(a => a.Fields).HasMaxLength(AutosaveService.MaxFieldsLength);
        autosave.HasIndex(a => new { a.StaffMemberId, a.ArticleId }).IsUnique();
        // Two nulls are distinct in a unique index, so one new-article autosave per person needs an index of its own.
        autosave.HasIndex(a => a.StaffMemberId).IsUnique().HasFilter("\"ArticleId\" IS NULL").HasDatabaseName("IX_Autosaves_StaffMemberId_NewArticle");
    }
}
