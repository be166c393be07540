using Masthead.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Core.SecondFactors;

internal sealed class StaffAuthenticatorConfiguration : IEntityTypeConfiguration<StaffAuthenticator>
{
    public void Configure(EntityTypeBuilder<StaffAuthenticator> authenticator)
    {
        authenticator.ToTable("StaffAuthenticators");
        authenticator.HasKey(a => a.StaffAccountId);
        authenticator.Property(a => a.Key).HasMaxLength(64);
        authenticator.HasOne<StaffAccount>().WithOne().HasForeignKey<StaffAuthenticator>(a => a.StaffAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffRecoveryCodeConfiguration : IEntityTypeConfiguration<StaffRecoveryCode>
{
    public void Configure(EntityTypeBuilder<StaffRecoveryCode> code)
    {
        code.ToTable("StaffRecoveryCodes");
        code.Property(c => c.CodeHash).HasMaxLength(64);
        code.HasIndex(c => new { c.StaffAccountId, c.CodeHash });
        code.HasOne<StaffAccount>().WithMany().HasForeignKey(c => c.StaffAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
