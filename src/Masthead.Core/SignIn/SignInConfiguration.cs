using Masthead.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.SignIn;

internal sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>
{
    public void Configure(EntityTypeBuilder<StaffSession> session)
    {
        session.ToTable("StaffSessions");
        session.Property(s => s.KeyHash).HasMaxLength(64);
        session.HasIndex(s => s.KeyHash).IsUnique();
        session.Property(s => s.UserAgent).HasMaxLength(StaffSessionService.UserAgentLength);
        session.Property(s => s.Address).HasMaxLength(64);
        session.HasIndex(s => new { s.StaffAccountId, s.EndedAt });
        session.HasOne<StaffAccount>().WithMany().HasForeignKey(s => s.StaffAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignInAttemptConfiguration : IEntityTypeConfiguration<SignInAttempt>
{
    public void Configure(EntityTypeBuilder<SignInAttempt> attempt)
    {
        attempt.ToTable("SignInAttempts");
        attempt.Property(a => a.Address).HasMaxLength(64);
        attempt.Property(a => a.Email).HasMaxLength(256);
        attempt.Property(a => a.DeviceId).HasMaxLength(32);
        attempt.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(10);
        attempt.Property(a => a.Step).HasConversion<string>().HasMaxLength(12);
        attempt.HasIndex(a => a.At);
        attempt.HasIndex(a => new { a.Address, a.At });
        attempt.HasIndex(a => new { a.Email, a.At });
        attempt.HasIndex(a => new { a.DeviceId, a.At });
    }
}
