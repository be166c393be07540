using Masthead.Core.People;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Masthead.Newsroom.Account;

/// <summary>
/// Set-password links (Identity's password-reset tokens): an invitation or an administrator's link works for seven
/// days, one asked for with "Forgot your password?" for an hour. Both are signed with the account's security stamp, so
/// a newer link, a password change or a new password from either makes every earlier one stop working.
/// </summary>
public sealed class SetPasswordTokenProvider(DataProtectorTokenProvider<StaffAccount> week, ForgottenPasswordTokenProvider hour) : IUserTwoFactorTokenProvider<StaffAccount>
{
    public const string Name = "SetPassword";

    public Task<string> GenerateAsync(string purpose, UserManager<StaffAccount> manager, StaffAccount user) => week.GenerateAsync(purpose, manager, user);

    public Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffAccount> manager, StaffAccount user) =>
        ForgottenPasswordTokenProvider.IsOne(token) ? hour.ValidateAsync(purpose, token, manager, user) : week.ValidateAsync(purpose, token, manager, user);

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffAccount> manager, StaffAccount user) => Task.FromResult(false);
}

/// <summary>Tokens for links asked for with "Forgot your password?": they work for an hour, and say so by their prefix.</summary>
public sealed class ForgottenPasswordTokenProvider(IDataProtectionProvider protection, IOptions<ForgottenPasswordTokenProvider.Lifespan> options, ILogger<DataProtectorTokenProvider<StaffAccount>> logger)
    : DataProtectorTokenProvider<StaffAccount>(protection, options, logger)
{
    private const string Prefix = "h.";

    public static bool IsOne(string token) => token.StartsWith(Prefix, StringComparison.Ordinal);

    public override async Task<string> GenerateAsync(string purpose, UserManager<StaffAccount> manager, StaffAccount user) =>
        Prefix + await base.GenerateAsync(purpose, manager, user);

    public override Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffAccount> manager, StaffAccount user) =>
        IsOne(token) ? base.ValidateAsync(purpose, token[Prefix.Length..], manager, user) : Task.FromResult(false);

    /// <summary>Its own name keeps its tokens apart from the seven-day links' (the name is the protector's purpose).</summary>
    public sealed class Lifespan : DataProtectionTokenProviderOptions
    {
        public Lifespan()
        {
            Name = PasswordResetService.TokenProvider;
            TokenLifespan = PasswordResetService.LinkLifetime;
        }
    }
}

/// <summary>Tokens for the link that confirms a new sign-in address: they work for 24 hours.</summary>
public sealed class EmailChangeTokenProvider(IDataProtectionProvider protection, IOptions<EmailChangeTokenProvider.Lifespan> options, ILogger<DataProtectorTokenProvider<StaffAccount>> logger)
    : DataProtectorTokenProvider<StaffAccount>(protection, options, logger)
{
    public const string ProviderName = "EmailChange";

    public sealed class Lifespan : DataProtectionTokenProviderOptions
    {
        public Lifespan()
        {
            Name = ProviderName;
            TokenLifespan = TimeSpan.FromDays(1);
        }
    }
}
