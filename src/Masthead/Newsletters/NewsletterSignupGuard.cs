using System.Globalization;
using Masthead.Core.Newsletters;
using Microsoft.AspNetCore.DataProtection;

namespace Masthead.Newsletters;

/// <summary>
/// The sign-up form's defences that need no third party: a honeypot field people never see (a script that fills it is
/// answered as a person is, and nothing happens), and a sealed stamp of when the form was drawn, so a post that comes
/// sooner than <see cref="NewsletterOptions.MinimumFillSeconds"/> after it (or with no stamp, or a forged one) is
/// shown the form again rather than taken. On pages served from the cache the stamp is as old as the cached page, so
/// there the honeypot and the rate limits do the work.
/// </summary>
public sealed class NewsletterSignupGuard(IDataProtectionProvider protection, NewsletterOptions options, TimeProvider time)
{
    public const string HoneypotField = "Website";
    public const string StampField = "Started";

    private readonly IDataProtector _protector = protection.CreateProtector("Masthead.NewsletterSignup.Started");

    public string Stamp() => _protector.Protect(time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>Whether the form was drawn long enough ago for a person to have filled it in.</summary>
    public bool FilledByPerson(string? stamp)
    {
        if (string.IsNullOrEmpty(stamp))
        {
            return false;
        }

        try
        {
            var drawn = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(_protector.Unprotect(stamp), CultureInfo.InvariantCulture));
            return time.GetUtcNow() - drawn >= TimeSpan.FromSeconds(options.MinimumFillSeconds);
        }
        catch (Exception invalid) when (invalid is System.Security.Cryptography.CryptographicException or FormatException or OverflowException or ArgumentException)
        {
            return false;
        }
    }
}
