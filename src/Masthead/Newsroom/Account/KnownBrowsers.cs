using System.Globalization;
using System.Security.Cryptography;
using Masthead.Core.SignIn;
using Microsoft.AspNetCore.DataProtection;

namespace Masthead.Newsroom.Account;

/// <summary>
/// The cookie by which a browser shows that it has signed in to an account before, so that the sign-in throttle
/// holds it back only for its own failures, never for what strangers do (Core/SignIn/SignInThrottle.cs). It holds a
/// random id for the browser and the accounts signed in from it, protected with the data-protection keys every node
/// shares, so it can be neither forged nor read. A set-password link proves its holder too, and marks the browser.
/// </summary>
public sealed class KnownBrowsers(IDataProtectionProvider protection)
{
    public const string CookieName = "masthead.browser";

    private const int MostAccounts = 10;
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Masthead.SignIn.KnownBrowser").ToTimeLimitedDataProtector();

    public KnownBrowser? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(value).Split('|');
            return new KnownBrowser(parts[0], [.. parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => int.Parse(id, CultureInfo.InvariantCulture))]);
        }
        catch (Exception unreadable) when (unreadable is CryptographicException or FormatException or IndexOutOfRangeException)
        {
            return null; // expired, from another installation, or tampered with: a browser like any other
        }
    }

    /// <summary>Marks the browser as one that has signed in to <paramref name="accountId"/>, for another 180 days.</summary>
    public void Remember(HttpContext http, int accountId)
    {
        var known = Read(http);
        var deviceId = known?.DeviceId ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var accounts = (known?.AccountIds ?? []).Where(id => id != accountId).Prepend(accountId).Take(MostAccounts);
        http.Response.Cookies.Append(CookieName, _protector.Protect($"{deviceId}|{string.Join(',', accounts)}", Lifetime), new CookieOptions
        {
            Path = "/newsroom",
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }
}
