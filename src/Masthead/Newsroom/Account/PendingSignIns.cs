using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Masthead.Newsroom.Account;

/// <summary>
/// A sign-in whose password was right and whose second factor is still to come. It is not a session: it opens
/// nothing in the newsroom, only the second step (SecondStep.cshtml), for ten minutes, in the browser that typed the
/// password. The cookie names the account and its security stamp, protected with the keys every node shares, so it
/// can be neither forged nor read, and it stops working as soon as the account's password or links change.
/// </summary>
public sealed class PendingSignIns(IDataProtectionProvider protection)
{
    public const string CookieName = "masthead.second-step";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Masthead.SignIn.SecondStep").ToTimeLimitedDataProtector();

    public void Begin(HttpContext http, int accountId, string? securityStamp) =>
        http.Response.Cookies.Append(CookieName, _protector.Protect($"{accountId}|{securityStamp}", Lifetime), new CookieOptions
        {
            Path = "/newsroom",
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            MaxAge = Lifetime,
            IsEssential = true,
        });

    /// <summary>The account waiting for its second factor, and the security stamp it had then; null when none is (or it expired).</summary>
    public (int AccountId, string SecurityStamp)? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(value).Split('|', 2);
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1]);
        }
        catch (Exception unreadable) when (unreadable is CryptographicException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public static void End(HttpContext http) => http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/newsroom" });
}
