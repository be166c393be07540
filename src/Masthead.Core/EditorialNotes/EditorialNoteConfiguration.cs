using Masthead.Core.Articles;
using Masthead.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.EditorialNotes;

internal sealed class EditorialThreadConfiguration : IEntityTypeConfiguration<EditorialThread>
{
    public void Configure(EntityTypeBuilder<EditorialThread> thread)
    {
        thread.HasOne<Article>().WithMany().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
        thread.HasOne<StaffMember>().WithMany().HasForeignKey(t => t.LastNoteById).OnDelete(DeleteBehavior.SetNull);
        thread.HasOne<StaffMember>().WithMany().HasForeignKey(t => t.ResolvedById).OnDelete(DeleteBehavior.SetNull);
        thread.Property(t => t.AddressedTo).HasConversion<string>().HasMaxLength(10);
        thread.Property(t => t.ResolvedByName).HasMaxLength(200);
        thread.HasMany(t => t.Notes).WithOne().HasForeignKey(n => n.ThreadId).OnDelete(DeleteBehavior.Cascade);
        thread.HasIndex(t => new { t.ArticleId, t.StartedAt });
        // The dashboard's "notes for you" reads the open threads only.
        thread.HasIndex(t => new { t.ResolvedAt, t.AddressedTo, t.LastNoteAt });
    }
}

internal sealed class EditorialNoteConfiguration : IEntityTypeConfiguration<EditorialNote>
{
    public void Configure(EntityTypeBuilder<EditorialNote> note)
    {
        note.HasOne<StaffMember>().WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.SetNull);
        note.Property(n => n.AuthorName).HasMaxLength(200);
        note.Property(n => n.Text).HasMaxLength(EditorialNote.MaxTextLength);
        note.HasIndex(n => new { n.ThreadId, n.WrittenAt });
    }
}
