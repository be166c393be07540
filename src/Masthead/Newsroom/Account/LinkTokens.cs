using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Masthead.Core.People;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
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

/// <summary>
/// Tokens for links asked for with "Forgot your password?": they work for an hour by the site's clock, and say so by
/// their prefix. The account's id, the purpose and its security stamp are sealed in with the time, by the site's
/// data-protection keys, so a token works only for its account until the stamp changes.
/// </summary>
public sealed class ForgottenPasswordTokenProvider(IDataProtectionProvider protection, TimeProvider time) : IUserTwoFactorTokenProvider<StaffAccount>
{
    private const string Prefix = "h.";

    private readonly IDataProtector _protector = protection.CreateProtector("Masthead.ForgottenPasswordLinks");

    public static bool IsOne(string token) => token.StartsWith(Prefix, StringComparison.Ordinal);

    public async Task<string> GenerateAsync(string purpose, UserManager<StaffAccount> manager, StaffAccount user)
    {
        var issued = time.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture);
        var sealedIn = string.Join('\n', issued, await manager.GetUserIdAsync(user), purpose, await manager.GetSecurityStampAsync(user));
        return Prefix + WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes(sealedIn)));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffAccount> manager, StaffAccount user)
    {
        if (!IsOne(token))
        {
            return false;
        }

        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token[Prefix.Length..]))).Split('\n');
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            return false;
        }

        if (parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return false;
        }

        var age = time.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero);
        // A few minutes' grace the other way, for a node whose clock is a little behind the one that issued the link.
        return age >= -TimeSpan.FromMinutes(5) && age <= PasswordResetService.LinkLifetime
            && parts[1] == await manager.GetUserIdAsync(user)
            && parts[2] == purpose
            && parts[3] == await manager.GetSecurityStampAsync(user);
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffAccount> manager, StaffAccount user) => Task.FromResult(false);
}

/// <summary>Tokens for the link that confirms a new sign-in address: they work for 24 hours.</summary>
public sealed class EmailChangeTokenProvider(
    IDataProtectionProvider protection,
    IOptions<EmailChangeTokenProvider.Lifespan> options,
    ILogger<DataProtectorTokenProvider<StaffAccount>> logger) : DataProtectorTokenProvider<StaffAccount>(protection, options, logger)
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
