using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.People;

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> staff)
    {
        staff.ToTable("Staff");
        staff.Property(s => s.Slug).HasMaxLength(Text.Slugs.MaxLength);
        staff.HasIndex(s => s.Slug).IsUnique();
        staff.Property(s => s.Name).HasMaxLength(200);
        staff.Property(s => s.JobTitle).HasMaxLength(200);
        staff.Property(s => s.Bio).HasMaxLength(2000);
        staff.Property(s => s.PhotoUrl).HasMaxLength(2000);
        staff.Property(s => s.PublicEmail).HasMaxLength(320);
        staff.Property(s => s.Role).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class StaffAccountConfiguration : IEntityTypeConfiguration<StaffAccount>
{
    public void Configure(EntityTypeBuilder<StaffAccount> account)
    {
        account.ToTable("StaffAccounts");
        account.HasIndex(a => a.StaffMemberId).IsUnique();
        account.HasOne(a => a.StaffMember).WithMany().HasForeignKey(a => a.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
