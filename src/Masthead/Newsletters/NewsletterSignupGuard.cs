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
    private SealedSecond? _current;

    /// <summary>
    /// The start of the second the form is drawn in, sealed once a second and shared by every form drawn in it:
    /// sealing costs more than the rest of an article page's form. <see cref="FilledByPerson"/> adds that second back.
    /// </summary>
    public string Stamp()
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        var current = Volatile.Read(ref _current);
        if (current?.Second != second)
        {
            current = new SealedSecond(second, _protector.Protect((second * 1000).ToString(CultureInfo.InvariantCulture)));
            Volatile.Write(ref _current, current);
        }

        return current.Stamp;
    }

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
            var minimum = options.MinimumFillSeconds > 0 ? options.MinimumFillSeconds + 1 : 0; // the stamp says its second's start
            return time.GetUtcNow() - drawn >= TimeSpan.FromSeconds(minimum);
        }
        catch (Exception invalid) when (invalid is System.Security.Cryptography.CryptographicException or FormatException or OverflowException or ArgumentException)
        {
            return false;
        }
    }

    private sealed record SealedSecond(long Second, string Stamp);
}
